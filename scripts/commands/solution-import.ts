/**
 * `portal-invite solution import`: import a solution zip (ImportSolution, or ImportSolutionAsync
 * and wait for the system job it starts).
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/asyncoperation
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { DataverseClient } from '../../sdk/client/index';
import type { WebApiRecord } from '../../sdk/client/types';
import { AsyncOperationState, AsyncOperationStatus, AsyncOperationTable } from '../../sdk/entities/index';
import { action, examples } from '../command';
import { CliError } from '../errors';
import { positiveInt } from '../options';

/** Options of `solution import`. */
export interface SolutionImportOptions {
  /** Zip to import. */
  zip: string;
  /** Use ImportSolutionAsync and wait for the system job. */
  async?: boolean;
  /** Activate workflows and publish all customizations afterwards. */
  publish?: boolean;
  /** Seconds to wait for an async import. */
  timeout: number;
}

/** Registers `solution import` under the `solution` group. */
export function registerSolutionImport(group: Command): void {
  group
    .command('import')
    .description('import a solution zip into the environment')
    .requiredOption('--zip <zip>', 'solution zip (see `solution pack`)')
    .option('--async', 'use ImportSolutionAsync and wait for the system job, showing progress')
    .option('--publish', 'activate its workflows and publish all customizations (PublishAllXml)')
    .option('--timeout <seconds>', 'how long to wait for an --async import', positiveInt, 1800)
    .addHelpText(
      'after',
      examples([
        ['portal-invite solution import --zip dist/PortalInvitations.zip --publish', 'import and publish'],
        ['portal-invite solution import --zip big.zip --async', 'a large solution, as a system job'],
      ]),
    )
    .action(
      action<SolutionImportOptions>(async (ctx, options) => {
        const body = {
          CustomizationFile: (await readFile(options.zip)).toString('base64'),
          OverwriteUnmanagedCustomizations: true,
          PublishWorkflows: options.publish === true,
          ImportJobId: randomUUID(),
        };
        let asyncOperationId: string | undefined;
        if (options.async) {
          const started = await ctx.client.callAction<{ AsyncOperationId: string }>(
            'ImportSolutionAsync',
            body,
          );
          const jobId = started.AsyncOperationId;
          asyncOperationId = jobId;
          ctx.out.info(`Import started as system job ${jobId}; waiting...`);
          const outcome = await waitForAsyncOperation(ctx.client, jobId, {
            timeoutMs: options.timeout * 1000,
            onPoll: (status, elapsedMs) =>
              ctx.out.info(`  status ${status} after ${Math.round(elapsedMs / 1000)} s`),
          });
          if (!outcome.succeeded) {
            throw new CliError(
              `The import failed (system job ${jobId}, status ${outcome.status}): ${outcome.message ?? 'no message'}.`,
              'Open the system job in the environment for details, fix the solution and import again.',
            );
          }
        } else {
          ctx.out.info(`Importing ${options.zip}...`);
          await ctx.client.callAction('ImportSolution', body);
        }
        if (options.publish) {
          ctx.out.info('Publishing all customizations...');
          await ctx.client.callAction('PublishAllXml');
        }
        ctx.out.data(
          {
            zip: options.zip,
            importJobId: body.ImportJobId,
            asyncOperationId,
            published: options.publish === true,
          },
          () => `Imported ${options.zip}${options.publish ? ' and published' : ''}.`,
        );
      }),
    );
}

/** Options of {@link waitForAsyncOperation}. */
export interface WaitOptions {
  /** Time between polls; default 2000. */
  intervalMs?: number;
  /** Give up after this long; default 30 minutes. */
  timeoutMs?: number;
  /** Told each poll's status code. */
  onPoll?: (status: number, elapsedMs: number) => void;
  /** Waits between polls (injected by tests); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock (injected by tests); default Date.now. */
  now?: () => number;
}

/** The job's final outcome. */
export interface AsyncOutcome {
  /** True when the job ended with status Succeeded. */
  succeeded: boolean;
  /** The job's last `statuscode`. */
  status: number;
  /** The job's (friendly) message, if it has one. */
  message?: string;
}

/** Polls the job until it completes (or the timeout passes, which throws). */
export async function waitForAsyncOperation(
  client: DataverseClient,
  id: string,
  options: WaitOptions = {},
): Promise<AsyncOutcome> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const started = now();
  const c = AsyncOperationTable.columns;
  for (;;) {
    const row = await client.retrieve<WebApiRecord>(AsyncOperationTable.entitySet, id, {
      select: [c.state, c.status, c.message, c.friendlyMessage],
    });
    const status = Number(row[c.status]);
    options.onPoll?.(status, now() - started);
    if (Number(row[c.state]) === AsyncOperationState.Completed) {
      const message = (row[c.friendlyMessage] ?? row[c.message]) as string | undefined;
      return { succeeded: status === AsyncOperationStatus.Succeeded, status, message: message || undefined };
    }
    if (now() - started > (options.timeoutMs ?? 30 * 60_000)) {
      throw new CliError(
        `System job ${id} did not finish in time (last status ${status}); it may still be running.`,
        'Follow the system job in the environment; for a large solution pass a longer --timeout next time.',
      );
    }
    await sleep(options.intervalMs ?? 2000);
  }
}
