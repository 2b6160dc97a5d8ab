/** `portal-invite invite bulk`: invitations for every row of a CSV, resumable, with a results file. */
import type { Command } from 'commander';
import { InvitationService } from '../../sdk/invitations/index';
import { runBulkJob } from '../bulk/bulk-job';
import { openJob, stateFileFor } from '../bulk/job-state';
import { createProgress } from '../bulk/progress';
import { readResults } from '../bulk/results-file';
import { action, examples } from '../command';
import { CliError } from '../errors';
import { handlersOption, type HandlersMode } from '../handlers-mode';
import { collect, parseExpiry, positiveInt } from '../options';
import { fields } from '../output';

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
    .option('--resume', 'continue an interrupted job (same --results); created rows are not duplicated')
    .option(
      '--results <file>',
      'results CSV (row, email, status, invitation_id, reason); default: next to the CSV, with .csv replaced by .results.csv (in.csv → in.results.csv)',
    )
    .option('--batch-size <n>', 'rows per CreateMultiple request', positiveInt)
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
        const resultsFile = options.results ?? defaultResultsFile(options.csv);
        const { state, resumed, csvChanged } = await openJob(
          options.csv,
          resultsFile,
          options.resume === true,
        );
        if (resumed) ctx.out.info(`Resuming job ${state.jobId} (started ${state.startedAt}).`);
        if (csvChanged && (state.version ?? 1) === 1) {
          ctx.out.warn(
            `${options.csv} changed since the job started; this job (started by an older portal-invite) matches rows by row number, so do not add or remove rows before resuming it.`,
          );
        } else if (csvChanged) {
          ctx.out.info(
            `${options.csv} changed since the job started; rows are matched by contact and invitation details, so rows created before are not created again.`,
          );
        }
        const sentBefore = new Set<string>();
        if (resumed) {
          for (const line of (await readResults(resultsFile)).values())
            if (line.status === 'sent' && line.invitationId) sentBefore.add(line.invitationId);
        }

        const progress = createProgress(ctx.out);
        const summary = await runBulkJob(new InvitationService(ctx.client, { handlers: options.handlers }), {
          csv: options.csv,
          resultsFile,
          job: state,
          defaults: {
            roles: options.role,
            account: options.account,
            expires: options.expires,
            site: options.site,
          },
          send: options.send === true,
          sentBefore,
          chunkSize: options.batchSize,
          progress,
          onUnknownColumns: (columns) => ctx.out.warn(`ignoring unknown column(s): ${columns.join(', ')}`),
        }).finally(() => progress.stop());

        ctx.out.data(summary, () =>
          fields([
            ['Rows', summary.total],
            ['New invitations', summary.newInvitations],
            ['Created, not sent', summary.created],
            ['Already existed', summary.exists],
            ['Sent', summary.sent],
            ['Failed', summary.failed],
            ['Results', summary.results],
          ]),
        );
        if (summary.stoppedBy) {
          throw new CliError(
            `The job stopped: ${summary.stoppedBy}. Rows done so far and the rest are listed in ${summary.results}.`,
            `Run the same command with --resume to continue; rows already created are not created again.`,
          );
        }
        if (summary.failed > 0) {
          throw new CliError(
            `${summary.failed} of ${summary.total} row(s) failed; the reasons are in ${summary.results}.`,
            `Fix those rows in ${options.csv}, then run the same command with --resume (state: ${stateFileFor(resultsFile)}).`,
          );
        }
      }),
    );
}

/** The results file when --results is not given: `in.csv` → `in.results.csv`, next to the CSV. */
export function defaultResultsFile(csv: string): string {
  return `${csv.replace(/\.csv$/i, '')}.results.csv`;
}
