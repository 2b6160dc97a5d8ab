/**
 * A bulk invitation job: CSV rows → InvitationService.createMany with per-row ids derived from the
 * job and each row's identity → optional send → one results line per row. Resumable: a rerun with
 * the same state asks for the same ids, so rows created before come back as 'exists' and are not
 * created twice, even when other rows were fixed, removed or inserted in between.
 */
import type { CreateInvitationInput, InvitationService } from '../../sdk/invitations/index';
import { readBulkRows, type BulkDefaults, type BulkRow } from './csv-rows';
import { invitationIdFor, type JobState } from './job-state';
import type { Progress } from './progress';
import { ResultsWriter, sortResultsFile, type ResultLine } from './results-file';

/** Options of {@link runBulkJob}. */
export interface BulkJobOptions {
  csv: string;
  resultsFile: string;
  job: JobState;
  defaults: BulkDefaults;
  /** Send each invitation once created (or found existing and not yet sent). */
  send: boolean;
  /** Invitation ids an earlier run of the job sent (empty for a new job); they are not sent again. */
  sentBefore: ReadonlySet<string>;
  /** Rows per CreateMultiple request. */
  chunkSize?: number;
  progress: Progress;
  onUnknownColumns?: (columns: string[]) => void;
  now?: () => number;
}

/** Counts of a finished job. */
export interface BulkSummary {
  jobId: string;
  results: string;
  total: number;
  /** Invitations this run created (whatever happened to them next). */
  newInvitations: number;
  /** Rows whose final status is created (not sent). */
  created: number;
  exists: number;
  sent: number;
  failed: number;
  /** Set when the job stopped early (e.g. the connection or the server failed); --resume continues it. */
  stoppedBy?: string;
}

/** Runs the job to the end; rows that fail are recorded, never thrown. */
export async function runBulkJob(service: InvitationService, options: BulkJobOptions): Promise<BulkSummary> {
  const writer = new ResultsWriter(options.resultsFile);
  const summary: BulkSummary = {
    jobId: options.job.jobId,
    results: options.resultsFile,
    total: 0,
    newInvitations: 0,
    created: 0,
    exists: 0,
    sent: 0,
    failed: 0,
  };
  const recorded = new Set<number>();
  const record = (line: ResultLine) => {
    recorded.add(line.row);
    writer.write(line);
    summary[line.status] += 1;
    options.progress.increment();
  };
  const submitted: BulkRow[] = [];
  const toSend: ResultLine[] = [];
  const sendSize = options.chunkSize ?? 100;

  async function* validInputs(): AsyncGenerator<CreateInvitationInput> {
    for await (const row of readBulkRows(options.csv, options.defaults, {
      now: options.now,
      onUnknownColumns: options.onUnknownColumns,
    })) {
      summary.total += 1;
      options.progress.setTotal(summary.total);
      if (!row.input) {
        record({ row: row.row, email: row.email, status: 'failed', reason: row.error });
        continue;
      }
      submitted.push(row);
      yield { ...row.input, id: invitationIdFor(options.job, row) };
    }
  }

  try {
    for await (const result of service.createMany(validInputs(), { chunkSize: options.chunkSize })) {
      const row = submitted[result.index];
      if (result.status === 'created') summary.newInvitations += 1;
      const line: ResultLine = {
        row: row.row,
        email: row.email,
        status: result.status,
        invitationId:
          result.status === 'failed' ? result.id : (result.id ?? invitationIdFor(options.job, row)),
        reason: result.reason,
      };
      if (line.status === 'failed' || !options.send) {
        record(line);
      } else if (line.status === 'exists' && options.sentBefore.has(line.invitationId as string)) {
        record({ ...line, status: 'sent', reason: 'sent by an earlier run' });
      } else {
        toSend.push(line);
        if (toSend.length >= sendSize) await sendPending(service, toSend.splice(0), record);
      }
    }
    await sendPending(service, toSend.splice(0), record);
  } catch (error) {
    summary.stoppedBy = (error as Error).message;
    for (const line of toSend.splice(0)) record({ ...line, reason: 'not sent: the job stopped' });
    await recordUnprocessed(options, recorded, summary, record);
  } finally {
    await writer.close();
  }
  await sortResultsFile(options.resultsFile);
  return summary;
}

/** Gives every row the stopped job did not reach a 'failed' line, so the results cover the whole CSV. */
async function recordUnprocessed(
  options: BulkJobOptions,
  recorded: Set<number>,
  summary: BulkSummary,
  record: (line: ResultLine) => void,
): Promise<void> {
  const reason = `not processed: the job stopped (${summary.stoppedBy}); run again with --resume`;
  let rows = 0;
  for await (const row of readBulkRows(options.csv, options.defaults, { now: options.now })) {
    rows += 1;
    if (!recorded.has(row.row)) record({ row: row.row, email: row.email, status: 'failed', reason });
  }
  summary.total = rows;
  options.progress.setTotal(rows);
}

async function sendPending(
  service: InvitationService,
  lines: ResultLine[],
  record: (line: ResultLine) => void,
): Promise<void> {
  if (lines.length === 0) return;
  let results: { id: string; status: 'sent' | 'skipped' | 'failed'; reason?: string }[];
  try {
    results = await service.send(lines.map((l) => l.invitationId as string));
  } catch (error) {
    for (const line of lines) {
      record({
        ...line,
        status: 'failed',
        reason: `created, but sending failed: ${(error as Error).message}`,
      });
    }
    return;
  }
  const byId = new Map(results.map((r) => [r.id, r]));
  for (const line of lines) {
    const sent = byId.get(line.invitationId as string);
    if (sent?.status === 'sent') record({ ...line, status: 'sent' });
    else if (sent?.status === 'failed') {
      record({
        ...line,
        status: 'failed',
        reason: `created, but sending failed: ${sent.reason ?? 'unknown reason'}`,
      });
    } else record({ ...line, reason: sent?.reason ?? 'not sent' });
  }
}
