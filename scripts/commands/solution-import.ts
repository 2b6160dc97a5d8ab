/** `portal-invite solution import`: import a solution zip (ImportSolution, or ImportSolutionAsync and wait). */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { action, examples, positiveInt } from '../command';
import { CliError } from '../errors';
import { waitForAsyncOperation } from '../solution/async-operation';

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
