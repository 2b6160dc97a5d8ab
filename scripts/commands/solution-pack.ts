/** `portal-invite solution pack`: the solution source folder → an importable zip. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { action, examples } from '../command';
import { packSolution, readFileTree } from '../../sdk/solutions/index';

/** Options of `solution pack`. */
export interface SolutionPackOptions {
  /** Source folder (SolutionPackager layout). */
  src: string;
  /** Zip to write. */
  out: string;
}

/** Registers `solution pack` under the `solution` group. */
export function registerSolutionPack(group: Command): void {
  group
    .command('pack')
    .description('pack a SolutionPackager source folder (Other/, Workflows/) into a solution zip')
    .option('--src <dir>', 'source folder', 'solution/src')
    .requiredOption('--out <zip>', 'zip file to write')
    .addHelpText(
      'after',
      examples([
        ['portal-invite solution pack --src solution/src --out dist/PortalInvitations.zip', 'build the zip'],
      ]),
    )
    .action(
      action<SolutionPackOptions>(async (ctx, options) => {
        const result = await packSolution(await readFileTree(options.src));
        await mkdir(dirname(options.out), { recursive: true });
        await writeFile(options.out, result.zip);
        ctx.out.data({ zip: options.out, bytes: result.zip.length, workflows: result.workflows }, () =>
          [
            `Wrote ${options.out} (${result.zip.length} bytes).`,
            ...result.workflows.map((w) => `  ${w}`),
          ].join('\n'),
        );
      }),
    );
}
