/**
 * The state of a bulk job, kept next to its results file: the job id from which every row's
 * invitation id is derived, so a resumed run asks for the same ids and creates no duplicates.
 * Version 3 derives ids from the contact a row invites (contact-key, see row-identity.ts), so a
 * contact has one invitation per job; version 2 from each row's identity (who is invited and what
 * the invitation grants); state files without a version come from jobs that derived them from row
 * numbers and keep doing so. The file is replaced atomically, never left half-written.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CliError, UsageError } from '../errors';
import { writeFileAtomic } from './atomic-file';

/**
 * How a job derives its rows' invitation ids: 3 = from the contact; 2 = from the row's identity;
 * 1 = from its row number.
 */
export type JobStateVersion = 1 | 2 | 3;

/** The version new jobs are written with. */
export const CURRENT_JOB_STATE_VERSION: JobStateVersion = 3;

/** What the state file holds. */
export interface JobState {
  /**
   * 3: ids come from the contact each row invites; 2: from each row's identity. Either way editing
   * other rows never changes a row's id. Absent (read as 1) in state files written before
   * versioning, whose ids came from row numbers.
   */
  version?: JobStateVersion;
  /** A UUID naming the job; the namespace of the row ids. */
  jobId: string;
  /** The CSV the job reads (as given). */
  csv: string;
  /** SHA-256 of the CSV when the job started, to warn when it changed before a resume. */
  csvSha256: string;
  /** When the job started (ISO). */
  startedAt: string;
  /** How the latest run ended, written when it ends (for people reading the file). */
  lastRun?: { startedAt: string; endedAt: string; outcome: string };
}

/** The state file belonging to a results file. */
export function stateFileFor(resultsFile: string): string {
  return `${resultsFile}.state.json`;
}

/**
 * A name-based (version 5, SHA-1) UUID, RFC 9562 §5.5: the same namespace and name always give the
 * same id, which is what makes a resumed row ask for the invitation it created before.
 */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) {
    throw new CliError(
      `The job id "${namespace}" is not a UUID.`,
      'The job state file was edited or is damaged: fix its jobId, or delete it (and the results file) to start the job afresh.',
    );
  }
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The invitation id of a CSV data row (1-based) in a version-1 job (ids by row number). */
export function rowInvitationId(jobId: string, rowNumber: number): string {
  return uuidV5(`row:${rowNumber}`, jobId);
}

/** The invitation id of a contact key (see row-identity.ts) in a version-3 job. */
export function contactInvitationId(jobId: string, key: string): string {
  return uuidV5(`contact:${key}`, jobId);
}

/** The invitation id of a row identity (see row-identity.ts) in a version-2 job. */
export function identityInvitationId(jobId: string, identity: string): string {
  return uuidV5(`identity:${identity}`, jobId);
}

/**
 * The invitation id a job gives a valid row: by contact for version-3 jobs, by identity for
 * version-2 jobs, by row number for jobs started before (resuming those any other way would create
 * their created rows again).
 */
export function invitationIdFor(
  state: JobState,
  row: { row: number; identity?: string; key?: string },
): string {
  const version = state.version ?? 1;
  if (version === 1) return rowInvitationId(state.jobId, row.row);
  const name = version === 2 ? row.identity : row.key;
  if (name === undefined) {
    // Only valid rows get ids, and every valid row has both: this is a bug, not bad input.
    throw new CliError(`Row ${row.row} has no identity to derive its invitation id from.`);
  }
  return version === 2 ? identityInvitationId(state.jobId, name) : contactInvitationId(state.jobId, name);
}

/** SHA-256 of a file's bytes, hex. */
export async function fileSha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** Outcome of {@link openJob}: the state and whether it continues an earlier run. */
export interface OpenedJob {
  state: JobState;
  resumed: boolean;
  /** Set when resuming with a CSV whose content differs from the one the job started with. */
  csvChanged: boolean;
}

/**
 * Starts a job (writing a new state file) or, with `resume`, continues the one recorded next to the
 * results file.
 * @throws UsageError when resuming without a state file, or starting over one (which would duplicate)
 */
export async function openJob(
  csv: string,
  resultsFile: string,
  resume: boolean,
  now: () => Date = () => new Date(),
): Promise<OpenedJob> {
  const stateFile = stateFileFor(resultsFile);
  const existing = await readState(stateFile);
  const csvSha256 = await fileSha256(csv);
  if (resume) {
    if (!existing) {
      throw new UsageError(
        `There is no interrupted job to resume: ${stateFile} does not exist.`,
        'Pass the same --results file as the interrupted run, or start without --resume.',
      );
    }
    return { state: existing, resumed: true, csvChanged: existing.csvSha256 !== csvSha256 };
  }
  if (existing) {
    throw new UsageError(
      `A job already ran with the results file ${resultsFile} (state: ${stateFile}).`,
      'Add --resume to continue it (rows already created are not duplicated), or choose another --results file to start a new job.',
    );
  }
  const state: JobState = {
    version: CURRENT_JOB_STATE_VERSION,
    jobId: randomUUID(),
    csv,
    csvSha256,
    startedAt: now().toISOString(),
  };
  await writeState(resultsFile, state);
  return { state, resumed: false, csvChanged: false };
}

/** Replaces the job's state file (atomically). */
export async function writeState(resultsFile: string, state: JobState): Promise<void> {
  await writeFileAtomic(stateFileFor(resultsFile), JSON.stringify(state, null, 2) + '\n');
}

async function readState(file: string): Promise<JobState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<JobState>;
  if (typeof parsed.jobId !== 'string' || !/^[0-9a-f-]{36}$/i.test(parsed.jobId)) {
    throw new UsageError(
      `${file} is not a bulk job state file (no jobId).`,
      'Delete it or choose another --results file.',
    );
  }
  if (parsed.version !== undefined && ![1, 2, 3].includes(parsed.version)) {
    throw new UsageError(
      `${file} has state version ${String(parsed.version)}, which this portal-invite does not know.`,
      'Resume it with the portal-invite version that started the job, or choose another --results file.',
    );
  }
  return parsed as JobState;
}
