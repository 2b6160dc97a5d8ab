/**
 * A bulk invitation job: CSV rows → InvitationService.createMany, a chunk at a time, with per-row
 * ids derived from the job and each row's contact → optional send → one results line per row,
 * saved as each chunk completes. Resumable and safe to interrupt: a rerun asks for the same ids, so
 * rows created before come back as `exists`, and whether a row is sent is decided by Dataverse
 * (InvitationService.send skips invitations already sent or being sent), so nothing is created or
 * e-mailed twice, however the earlier run ended. A second row for the same contact is reported as
 * a duplicate, not created.
 */
import type { CreateInvitationInput, CreateManyResult, InvitationService } from '../../sdk/invitations/index';
import { readBulkRows, type BulkDefaults, type BulkRow } from './csv-rows';
import { invitationIdFor, type JobState } from './job-state';
import type { Progress } from './progress';
import type { ResultLine, ResultsFile, RowStatus } from './results-file';

/** Options of {@link runBulkJob}. */
export interface BulkJobOptions {
  csv: string;
  /** Where the lines go (opened with the previous run's lines). */
  results: ResultsFile;
  job: JobState;
  defaults: BulkDefaults;
  /** Send each invitation once created (or found existing and not yet sent). */
  send: boolean;
  /** Data rows in the CSV (counted before the job started). */
  total: number;
  /** Rows per CreateMultiple request (and per send round); default 100. */
  chunkSize?: number;
  progress: Progress;
  /** Once aborted, no new row is taken; the requests in flight finish and their rows are recorded. */
  stop?: AbortSignal;
  now?: () => number;
}

/** Counts of one run of a job. Every row ends in exactly one of the statuses counted last. */
export interface BulkSummary {
  jobId: string;
  results: string;
  /** Rows in the CSV. */
  total: number;
  /** Invitations this run created. */
  newInvitations: number;
  /** Rows whose invitation already existed (created by an earlier run of the job). */
  exists: number;
  /** Rows e-mailed by this run. */
  sent: number;
  /** Rows already e-mailed before this run (Dataverse says so); not sent again. */
  alreadySent: number;
  /** Rows not sent for another reason (expired, revoked, a send still running…); see the results. */
  skipped: number;
  /** Rows whose invitation exists and was not sent (no --send, or the run stopped first). */
  created: number;
  /** Rows for a contact an earlier row already invites. */
  duplicates: number;
  failed: number;
  /** Rows this run did not reach (it stopped); --resume continues with them. */
  notProcessed: number;
  /** Set when the job stopped early (the connection or the server failed); --resume continues it. */
  stoppedBy?: string;
}

interface PendingRow {
  row: BulkRow;
  id: string;
}

/** Runs the job until the CSV ends, `stop` aborts or a request fails for a reason beyond the rows. */
export async function runBulkJob(service: InvitationService, options: BulkJobOptions): Promise<BulkSummary> {
  const { results, progress, stop } = options;
  const summary: BulkSummary = {
    jobId: options.job.jobId,
    results: results.file,
    total: options.total,
    newInvitations: 0,
    exists: 0,
    sent: 0,
    alreadySent: 0,
    skipped: 0,
    created: 0,
    duplicates: 0,
    failed: 0,
    notProcessed: 0,
  };
  const outcome = new Map<number, RowStatus>();
  const record = (line: ResultLine) => {
    results.set(line);
    outcome.set(line.row, line.status);
    if (line.status !== 'not_processed') progress.increment();
  };
  const halted = () => stop?.aborted === true || summary.stoppedBy !== undefined;
  const chunkSize = options.chunkSize ?? 100;
  const readOptions = { now: options.now };
  results.keepRows(options.total);

  const firstRowOf = new Map<string, number>();
  let pending: PendingRow[] = [];
  for await (const row of readBulkRows(options.csv, options.defaults, readOptions)) {
    if (halted()) break;
    if (!row.input || !row.key) {
      record({ row: row.row, email: row.email, status: 'failed', reason: row.error });
      continue;
    }
    const first = firstRowOf.get(row.key);
    if (first !== undefined) {
      record({
        row: row.row,
        email: row.email,
        status: 'duplicate',
        reason: `the same contact as row ${first}: one invitation per contact, so this row was not created`,
      });
      continue;
    }
    firstRowOf.set(row.key, row.row);
    pending.push({ row, id: invitationIdFor(options.job, row) });
    if (pending.length >= chunkSize) {
      await processChunk(service, pending, options, summary, record);
      pending = [];
      await results.save();
    }
  }
  if (pending.length > 0 && !halted()) await processChunk(service, pending, options, summary, record);

  if (outcome.size < options.total) {
    const why = summary.stoppedBy
      ? `the job stopped (${summary.stoppedBy})`
      : 'the run was interrupted before this row';
    for await (const row of readBulkRows(options.csv, options.defaults, readOptions)) {
      if (outcome.has(row.row)) continue;
      const earlier = results.lines.get(row.row);
      const before =
        earlier && earlier.email === row.email ? `; an earlier run recorded: ${earlier.status}` : '';
      record({
        row: row.row,
        email: row.email,
        status: 'not_processed',
        reason: `not processed: ${why}; run again with --resume${before}`,
      });
    }
  }
  for (const status of outcome.values()) countFinal(summary, status);
  await results.save();
  return summary;
}

function countFinal(summary: BulkSummary, status: RowStatus): void {
  if (status === 'created' || status === 'exists') summary.created += 1;
  else if (status === 'duplicate') summary.duplicates += 1;
  else if (status === 'failed') summary.failed += 1;
  else if (status === 'not_processed') summary.notProcessed += 1;
  else if (status === 'skipped') summary.skipped += 1;
  // 'sent' rows are counted as they are sent (sent or alreadySent).
}

/**
 * An error's message for a results line or the summary; a long one (a failed query carries its
 * whole URL) keeps its start and its end, where the reason is.
 */
function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length <= 300 ? text : `${text.slice(0, 120)} … ${text.slice(-150)}`;
}

/** Creates one chunk (one CreateMultiple) and, with --send, sends what Dataverse says is not sent. */
async function processChunk(
  service: InvitationService,
  pending: PendingRow[],
  options: BulkJobOptions,
  summary: BulkSummary,
  record: (line: ResultLine) => void,
): Promise<void> {
  const base = (p: PendingRow) => ({ row: p.row.row, email: p.row.email, invitationId: p.id });
  let created: CreateManyResult[];
  try {
    created = [];
    const inputs: CreateInvitationInput[] = pending.map((p) => ({ ...p.row.input!, id: p.id }));
    for await (const result of service.createMany(inputs, { chunkSize: pending.length }))
      created.push(result);
  } catch (error) {
    summary.stoppedBy = message(error);
    for (const p of pending) {
      record({
        ...base(p),
        status: 'not_processed',
        reason: `the job stopped while creating this row (${summary.stoppedBy}); --resume finds out whether it was created`,
      });
    }
    return;
  }
  const toSend: { p: PendingRow; status: 'created' | 'exists' }[] = [];
  for (const result of created) {
    const p = pending[result.index];
    if (result.status === 'created') summary.newInvitations += 1;
    if (result.status === 'exists') summary.exists += 1;
    if (result.status === 'failed') record({ ...base(p), status: 'failed', reason: result.reason });
    else if (!options.send) record({ ...base(p), status: result.status });
    else toSend.push({ p, status: result.status });
  }
  if (toSend.length === 0) return;
  const notSent = (reason: string) => (t: (typeof toSend)[number]) =>
    record({ ...base(t.p), status: t.status, reason });
  if (options.stop?.aborted) {
    toSend.forEach(notSent('not sent: the run was interrupted before sending it; --resume sends it'));
    return;
  }
  let sent;
  try {
    sent = await service.send(
      toSend.map((t) => t.p.id),
      { stopSignal: options.stop },
    );
  } catch (error) {
    summary.stoppedBy = message(error);
    for (const t of toSend) {
      record({ ...base(t.p), status: 'failed', reason: `created, but not sent: ${summary.stoppedBy}` });
    }
    return;
  }
  const byId = new Map(sent.map((r) => [r.id, r]));
  for (const t of toSend) {
    const result = byId.get(t.p.id);
    if (result?.status === 'sent') {
      summary.sent += 1;
      record({ ...base(t.p), status: 'sent' });
    } else if (result?.skip === 'already_sent') {
      summary.alreadySent += 1;
      record({ ...base(t.p), status: 'sent', reason: `sent before this run: ${result.reason}` });
    } else if (result?.skip === 'stopped') {
      notSent('not sent: the run was interrupted before sending it; --resume sends it')(t);
    } else if (result?.status === 'skipped') {
      record({ ...base(t.p), status: 'skipped', reason: `not sent: ${result.reason}` });
    } else {
      record({
        ...base(t.p),
        status: 'failed',
        reason: `created, but sending failed: ${result?.reason ?? 'no result'}`,
      });
    }
  }
}
