/** `portal-invite solution export`: download a solution as a zip (ExportSolution). */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { action, examples } from '../command';
import { CliError } from '../errors';

/** Options of `solution export`. */
export interface SolutionExportOptions {
  /** Solution unique name. */
  name: string;
  /** Zip to write. */
  out: string;
  /** Export as managed. */
  managed?: boolean;
}

/** Registers `solution export` under the `solution` group. */
export function registerSolutionExport(group: Command): void {
  group
    .command('export')
    .description('export a solution from the environment to a zip')
    .requiredOption('--name <uniquename>', "the solution's unique name")
    .requiredOption('--out <zip>', 'zip file to write')
    .option('--managed', 'export as a managed solution')
    .addHelpText(
      'after',
      examples([
        [
          'portal-invite solution export --name PortalInvitations --out exported.zip && portal-invite solution unpack --zip exported.zip --out solution/src',
          'bring changes made in the environment back to source',
        ],
      ]),
    )
    .action(
      action<SolutionExportOptions>(async (ctx, options) => {
        const result = await ctx.client.callAction<{ ExportSolutionFile?: string }>('ExportSolution', {
          SolutionName: options.name,
          Managed: options.managed === true,
        });
        if (!result?.ExportSolutionFile) {
          throw new CliError(
            `ExportSolution returned no file for "${options.name}".`,
            'Check the solution unique name.',
          );
        }
        const zip = Buffer.from(result.ExportSolutionFile, 'base64');
        await mkdir(dirname(options.out), { recursive: true });
        await writeFile(options.out, zip);
        ctx.out.data(
          { name: options.name, out: options.out, bytes: zip.length, managed: options.managed === true },
          () => `Exported ${options.name} to ${options.out} (${zip.length} bytes).`,
        );
      }),
    );
}
