/**
 * The journal of a workflow change in progress: written (atomically) before the first write to
 * Dataverse, removed once the change is verified or rolled back. A process that dies in between —
 * killed, a closed terminal, a lost connection — leaves it behind, and the next workflow command
 * finds it and finishes or undoes the change (recover-change.ts), so a definition is never left in
 * Draft with nobody knowing.
 */
import { hostname } from 'node:os';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkflowState, WorkflowStatus } from '../entities/workflow';

/** What a journal records: the definition before the change and what the change writes. */
export interface ChangeJournal {
  /** Format version. */
  version: 1;
  /** The command that started the change. */
  operation: 'patch-template' | 'restore';
  workflowId: string;
  name: string;
  /** The backup file of the change (patch-template's new backup, or the file restore reads). */
  backupFile: string;
  /** The definition as it was before the first write. */
  original: { xaml: string; statecode: WorkflowState; statuscode: WorkflowStatus };
  /** What the change writes and the state it ends in. */
  target: { xaml: string; statecode: WorkflowState };
  /** ISO time the change started. */
  startedAt: string;
  /** The environment's URL when the change started (absent in older journals). */
  environment?: string;
  /** The environment's organization id (WhoAmI), which decides where the journal may be recovered. */
  organizationId?: string;
  /** The process making the change, so a journal of a change still running is left alone. */
  pid: number;
  host: string;
}

const SUFFIX = '.journal.json';

/** The journal's path for a workflow in `directory`: one per workflow. */
export function journalFileFor(directory: string, workflowId: string): string {
  return join(directory, `workflow-${workflowId}${SUFFIX}`);
}

/** Writes the journal (to a temporary file, then renamed: a kill never leaves half a journal). */
export async function writeJournal(
  directory: string,
  journal: Omit<ChangeJournal, 'version' | 'pid' | 'host'>,
): Promise<string> {
  await mkdir(directory, { recursive: true });
  const file = journalFileFor(directory, journal.workflowId);
  const full: ChangeJournal = { version: 1, ...journal, pid: process.pid, host: hostname() };
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(full, null, 2)}\n`, 'utf8');
  await rename(temporary, file);
  return file;
}

/** Removes a journal (a missing one is fine). */
export async function removeJournal(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** The journals in `directory` (none when it does not exist); unreadable ones are reported, not skipped. */
export async function findJournals(directory: string): Promise<{ file: string; journal: ChangeJournal }[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: { file: string; journal: ChangeJournal }[] = [];
  for (const name of names.filter((n) => n.endsWith(SUFFIX)).sort()) {
    const file = join(directory, name);
    found.push({ file, journal: parseJournal(file, await readFile(file, 'utf8')) });
  }
  return found;
}

function parseJournal(file: string, text: string): ChangeJournal {
  let data: Partial<ChangeJournal>;
  try {
    data = JSON.parse(text) as Partial<ChangeJournal>;
  } catch {
    throw new Error(
      `The workflow change journal ${file} is not JSON; delete it after checking the workflow.`,
    );
  }
  const ok =
    data.version === 1 &&
    typeof data.workflowId === 'string' &&
    typeof data.original?.xaml === 'string' &&
    typeof data.target?.xaml === 'string' &&
    Object.values(WorkflowState).includes(data.original.statecode) &&
    Object.values(WorkflowState).includes(data.target.statecode);
  if (!ok) {
    throw new Error(
      `The workflow change journal ${file} is damaged; check the workflow with "portal-invite workflow show", then delete it.`,
    );
  }
  return data as ChangeJournal;
}

/** True when the journal's process is still running on this machine (its change is not interrupted). */
export function isJournalLive(journal: ChangeJournal): boolean {
  if (journal.host !== hostname() || journal.pid === process.pid) return false;
  try {
    process.kill(journal.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
