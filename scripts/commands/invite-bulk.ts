/**
 * `portal-invite invite bulk`: invitations for every row of a CSV, resumable, with a results file.
 * Ctrl+C (or SIGTERM) stops taking rows, lets the requests in flight finish, saves the results,
 * prints how to resume and exits 130 (143); a second Ctrl+C stops at once.
 */
import type { Command } from 'commander';
import { InvitationService } from '../../sdk/invitations/index';
import { runBulkJob } from '../bulk/bulk-job';
import { describeSummary, problemLines, problemTable, resumeCommand } from '../bulk/bulk-report';
import type { BulkDefaults } from '../bulk/csv-rows';
import { scanCsv } from '../bulk/csv-scan';
import { acquireJobLock } from '../bulk/job-lock';
import { openJob, stateFileFor, writeState } from '../bulk/job-state';
import { createProgress } from '../bulk/progress';
import { ResultsFile } from '../bulk/results-file';
import { action, examples, type CommandContext } from '../command';
import { CliError, UsageError } from '../errors';
import { InterruptedError, watchStopSignals } from '../interrupt';
import { handlersOption, type HandlersMode } from '../handlers-mode';
import { collect, parseExpiry, positiveInt } from '../options';

/** Options of `invite bulk`. */
export interface InviteBulkOptions {
  /** The CSV to read. */
  csv: string;
  /** Default web roles (a row's `roles` column replaces them). */
  role?: string[];
  /** Default account (a row's `account` column replaces it). */
  account?: string;
  /** Default expiry (a row's `expires` column replaces it). */
  expires?: string;
  /** Default site, name or id (a row's `site` column replaces it). */
  site?: string;
  /** Send each invitation once created. */
  send?: boolean;
  /** Continue the job recorded next to --results. */
  resume?: boolean;
  /** Results CSV; default {@link defaultResultsFile}. */
  results?: string;
  /** Rows per CreateMultiple request. */
  batchSize?: number;
  /** Where the invitation rules run. */
  handlers?: HandlersMode;
}

/** The most rows one CreateMultiple request takes. */
const MAX_BATCH_SIZE = 1000;

/** Registers `invite bulk` under the `invite` group. */
export function registerInviteBulk(group: Command): void {
  group
    .command('bulk')
    .description('create (and optionally send) one invitation per CSV row; resumable, with a results file')
    .requiredOption(
      '--csv <file>',
      'CSV with a header: email or contactid, optional type, roles (a;b), account, expires, name, max, site',
    )
    .option('--role <id|name>', 'web role for every row without a roles column value; repeatable', collect)
    .option('--account <id|name>', 'account for every row without an account value')
    .option('--expires <when>', 'expiry for every row without an expires value (ISO date or 30d)')
    .option('--site <name|id>', 'site for every row without a site value (see `portal-invite sites list`)')
    .option('--send', 'e-mail each invitation once created')
    .option('--resume', 'continue an interrupted job (same --results); nothing is created or e-mailed twice')
    .option(
      '--results <file>',
      'results CSV (row, email, status, invitation_id, reason); default: next to the CSV, with .csv replaced by .results.csv (in.csv → in.results.csv)',
    )
    .option('--batch-size <n>', 'rows per CreateMultiple request (default 100, at most 1000)', positiveInt)
    .addOption(handlersOption())
    .addHelpText(
      'after',
      '\nCSV example:\n  email,roles,account,expires\n  ada@example.com,Partners;Authenticated Users,Contoso,30d\n  bob@example.com,,,\n' +
        examples([
          [
            'portal-invite invite bulk --csv invitees.csv --role Partners --expires 30d --send',
            'invite and e-mail everyone',
          ],
          ['portal-invite invite bulk --csv invitees.csv --send --resume', 'continue after an interruption'],
        ]),
    )
    .action(
      action<InviteBulkOptions>(async (ctx, options) => {
        if (options.expires) parseExpiry(options.expires);
        if (options.batchSize !== undefined && options.batchSize > MAX_BATCH_SIZE) {
          throw new UsageError(
            `--batch-size ${options.batchSize} is above ${MAX_BATCH_SIZE}, the most one CreateMultiple request takes.`,
          );
        }
        const resultsFile = options.results ?? defaultResultsFile(options.csv);
        const defaults = {
          roles: options.role,
          account: options.account,
          expires: options.expires,
          site: options.site,
        };
        // Checked before any state is written: a wrong header or an empty file leaves nothing behind.
        const scan = await scanCsv(options.csv, defaults);
        if (scan.unknownColumns.length > 0)
          ctx.out.warn(`ignoring unknown column(s): ${scan.unknownColumns.join(', ')}`);
        const lock = acquireJobLock(resultsFile);
        try {
          await runCommand(ctx, options, resultsFile, defaults, scan.rows);
        } finally {
          lock.release();
        }
      }),
    );
}

/** The part of `invite bulk` that runs with the job's lock held. */
async function runCommand(
  ctx: CommandContext,
  options: InviteBulkOptions,
  resultsFile: string,
  defaults: BulkDefaults,
  total: number,
): Promise<void> {
  const { state, resumed, csvChanged } = await openJob(options.csv, resultsFile, options.resume === true);
  if (resumed) ctx.out.info(`Resuming job ${state.jobId} (started ${state.startedAt}).`);
  if (csvChanged && (state.version ?? 1) === 1) {
    ctx.out.warn(
      `${options.csv} changed since the job started; this job (started by an older portal-invite) matches rows by row number, so do not add or remove rows before resuming it.`,
    );
  } else if (csvChanged) {
    ctx.out.info(
      `${options.csv} changed since the job started; rows are matched by contact, so rows created before are not created again.`,
    );
  }
  const results = resumed ? await ResultsFile.open(resultsFile) : new ResultsFile(resultsFile);
  const progress = createProgress(ctx.out);
  const runStarted = new Date().toISOString();
  const resume = resumeCommand(process.argv.slice(2));
  const watch = watchStopSignals({
    onStop: (signal) =>
      ctx.out.info(`\n${signal}: finishing the requests in flight, then stopping (again to stop at once).`),
    onForce: (signal, why) => {
      results.saveSync();
      progress.stop();
      ctx.out.info(
        `${signal}: ${why === 'again' ? 'stopped at once' : 'stopped: the requests in flight did not finish in time'}. ` +
          `Results so far: ${results.file}. Whether those last requests completed is checked by Dataverse on resume; nothing is created or e-mailed twice.\nResume with: ${resume}`,
      );
    },
  });
  progress.setTotal(total);
  let summary;
  try {
    summary = await runBulkJob(new InvitationService(ctx.client, { handlers: options.handlers }), {
      csv: options.csv,
      results,
      job: state,
      defaults,
      send: options.send === true,
      total,
      chunkSize: options.batchSize,
      progress,
      stop: watch.signal,
    });
  } finally {
    watch.dispose();
    progress.stop();
  }
  const interrupted = watch.received;
  const outcome = interrupted ? `interrupted by ${interrupted}` : summary.stoppedBy ? 'stopped' : 'finished';
  await writeState(resultsFile, {
    ...state,
    lastRun: { startedAt: runStarted, endedAt: new Date().toISOString(), outcome },
  });

  const problems = problemLines(results.lines.values());
  ctx.out.data({ ...summary, problems: problems.slice(0, 20) }, () => describeSummary(summary));
  if (!ctx.out.json) {
    const text = problemTable(problems, resultsFile);
    if (text) ctx.out.info(text);
  }
  const done = summary.total - summary.notProcessed;
  if (interrupted) {
    throw new InterruptedError(
      interrupted,
      `Interrupted by ${interrupted} after ${done} of ${summary.total} rows; the results so far are in ${resultsFile}.`,
      `Resume with: ${resume}\n(rows already created are not created again, and nobody is e-mailed twice).`,
    );
  }
  if (summary.stoppedBy) {
    throw new CliError(
      `The job stopped after ${done} of ${summary.total} rows: ${summary.stoppedBy}. The rows and their status are in ${resultsFile}.`,
      `Fix the cause, then resume with: ${resume}`,
    );
  }
  if (summary.failed > 0) {
    throw new CliError(
      `${summary.failed} of ${summary.total} row(s) failed; the reasons are above and in ${resultsFile}.`,
      `Fix those rows in ${options.csv}, then run the same command with --resume (state: ${stateFileFor(resultsFile)}).`,
    );
  }
}

/** The results file when --results is not given: `in.csv` → `in.results.csv`, next to the CSV. */
export function defaultResultsFile(csv: string): string {
  return `${csv.replace(/\.csv$/i, '')}.results.csv`;
}
