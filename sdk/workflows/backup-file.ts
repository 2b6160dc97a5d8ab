/** The backup a template patch writes before its first change, and reading it back for a restore. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkflowState, WorkflowStatus } from '../entities/workflow';
import { InvalidArgumentError } from '../errors';
import { parseXaml } from './xaml/xml-document';

/** What a backup file holds. */
export interface WorkflowBackup {
  workflowId: string;
  name: string;
  statecode: WorkflowState;
  statuscode: WorkflowStatus;
  xaml: string;
  /** ISO-8601 time the backup was taken. */
  takenAt: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Writes the backup as JSON into `directory` (created if needed) and returns the file path. */
export async function writeBackup(directory: string, backup: WorkflowBackup): Promise<string> {
  await mkdir(directory, { recursive: true });
  const safeName = backup.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'workflow';
  const stamp = backup.takenAt.replace(/[:.]/g, '-');
  const file = join(directory, `${safeName}-${backup.workflowId}-${stamp}.json`);
  await writeFile(file, `${JSON.stringify(backup, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' });
  return file;
}

/**
 * Reads and validates a backup file; an InvalidArgumentError (`backupFile`) says what is wrong with
 * it (unreadable, not JSON, which field), and a backup whose xaml is not XML is an XamlError.
 */
export async function readBackup(file: string): Promise<WorkflowBackup> {
  const badFile = (message: string, cause?: unknown) =>
    new InvalidArgumentError('backupFile', message, cause === undefined ? undefined : { cause });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw badFile(
      `Cannot read the backup file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      error,
    );
  }
  let data: Partial<WorkflowBackup>;
  try {
    data = JSON.parse(text) as Partial<WorkflowBackup>;
  } catch (error) {
    throw badFile(
      `The backup file ${file} is not JSON; pass a file written by "workflow patch-template".`,
      error,
    );
  }
  const problem = (field: keyof WorkflowBackup, expected: string) =>
    badFile(`The backup file ${file} is not a workflow backup: "${field}" should be ${expected}.`);
  if (typeof data.workflowId !== 'string' || !GUID.test(data.workflowId))
    throw problem('workflowId', 'a GUID');
  if (typeof data.name !== 'string') throw problem('name', 'a string');
  if (!Object.values(WorkflowState).includes(data.statecode as WorkflowState))
    throw problem('statecode', '0, 1 or 2');
  if (!Object.values(WorkflowStatus).includes(data.statuscode as WorkflowStatus))
    throw problem('statuscode', '1 or 2');
  if (typeof data.xaml !== 'string') throw problem('xaml', 'the workflow XAML');
  parseXaml(data.xaml);
  if (typeof data.takenAt !== 'string' || Number.isNaN(Date.parse(data.takenAt)))
    throw problem('takenAt', 'an ISO date');
  return data as WorkflowBackup;
}
