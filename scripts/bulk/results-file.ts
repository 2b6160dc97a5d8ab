/**
 * The bulk results file: one CSV line per input row (row, email, status, invitation id, reason).
 * The lines live in memory and the whole file is replaced atomically each time a chunk of work
 * completes, so a kill at any moment leaves the last complete file, never a truncated one; a new
 * run starts from the previous file's lines instead of emptying it. It is a report for people:
 * whether a row was created or sent is always decided again from Dataverse.
 */
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic, writeFileAtomicSync } from './atomic-file';

/**
 * What happened to a row: `created` / `exists` (the invitation is there, not sent), `sent` (e-mailed,
 * by this run or an earlier one), `skipped` (not sent, with the reason), `duplicate` (same contact
 * as an earlier row), `failed`, `not_processed` (the run stopped before the row).
 */
export type RowStatus = 'created' | 'exists' | 'sent' | 'skipped' | 'duplicate' | 'failed' | 'not_processed';

/** Statuses that need the user's attention (the failures table; rows not reached are only counted). */
export const PROBLEM_STATUSES: readonly RowStatus[] = ['failed', 'skipped', 'duplicate'];

/** One line of the results file. */
export interface ResultLine {
  row: number;
  email: string;
  status: RowStatus;
  invitationId?: string;
  reason?: string;
}

/** The results file's columns, in order. */
export const RESULT_COLUMNS = ['row', 'email', 'status', 'invitation_id', 'reason'];

/** Renders lines (in row order) as the results CSV. */
export function resultsCsv(lines: Iterable<ResultLine>): string {
  const sorted = [...lines].sort((a, b) => a.row - b.row);
  return stringify(
    sorted.map((l) => [l.row, l.email, l.status, l.invitationId ?? '', l.reason ?? '']),
    { header: true, columns: RESULT_COLUMNS },
  );
}

/** The results of a job: lines by row, saved atomically (see the file comment). */
export class ResultsFile {
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  /** @param lines - the lines to start from (see {@link ResultsFile.open}) */
  constructor(
    readonly file: string,
    readonly lines: Map<number, ResultLine> = new Map(),
  ) {}

  /** The results file with the lines it already holds (none when it does not exist). */
  static async open(file: string): Promise<ResultsFile> {
    return new ResultsFile(file, await readResults(file));
  }

  /** Records (or replaces) a row's line; saved by the next {@link save}. */
  set(line: ResultLine): void {
    this.lines.set(line.row, line);
    this.dirty = true;
  }

  /** Drops the lines of rows above `rows` (left from a longer CSV of an earlier run). */
  keepRows(rows: number): void {
    for (const row of [...this.lines.keys()]) if (row > rows) this.lines.delete(row);
    this.dirty = true;
  }

  /** Saves the lines if they changed; saves run one at a time, and the latest lines always win. */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      await writeFileAtomic(this.file, resultsCsv(this.lines.values()));
    });
    return this.saving;
  }

  /** Saves now, synchronously: the last write before a forced exit. */
  saveSync(): void {
    writeFileAtomicSync(this.file, resultsCsv(this.lines.values()));
    this.dirty = false;
  }
}

/** Reads a results file into a map by row number; an absent file gives an empty map. */
export async function readResults(file: string): Promise<Map<number, ResultLine>> {
  const lines = new Map<number, ResultLine>();
  const stream = createReadStream(file);
  const ready = once(stream, 'open').then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  if (!(await ready)) return lines;
  for await (const record of stream.pipe(parse({ columns: true, skip_empty_lines: true })) as AsyncIterable<
    Record<string, string>
  >) {
    const row = Number(record.row);
    if (!Number.isInteger(row)) continue;
    lines.set(row, {
      row,
      email: record.email ?? '',
      status: record.status as RowStatus,
      invitationId: record.invitation_id || undefined,
      reason: record.reason || undefined,
    });
  }
  return lines;
}
