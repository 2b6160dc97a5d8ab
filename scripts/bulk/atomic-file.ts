/**
 * Writing a file so that a reader (or the next run, after a kill) sees either the old content or
 * the new, never half of it: the text goes to a temporary file next to the target, which is then
 * renamed over it (rename is atomic within one file system).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

function temporaryFor(file: string): string {
  return `${file}.${process.pid}.tmp`;
}

/** Replaces `file` with `text` atomically. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temporary = temporaryFor(file);
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
}

/** {@link writeFileAtomic}, synchronously: for the last write before a forced exit. */
export function writeFileAtomicSync(file: string, text: string): void {
  const temporary = temporaryFor(file);
  writeFileSync(temporary, text, 'utf8');
  renameSync(temporary, file);
}
