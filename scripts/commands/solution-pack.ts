/** `portal-invite solution pack`: the solution source folder → an importable zip. */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { action, examples } from '../command';
import { packSolution, readFileTree } from '../../sdk/solutions/index';
import { packageRoot } from '../../emulator/seed';

/** Options of `solution pack`. */
export interface SolutionPackOptions {
  /** Source folder (SolutionPackager layout); default {@link defaultSolutionSource}. */
  src?: string;
  /** Zip to write. */
  out: string;
}

/** Registers `solution pack` under the `solution` group. */
export function registerSolutionPack(group: Command): void {
  group
    .command('pack')
    .description('pack a SolutionPackager source folder (Other/, Workflows/) into a solution zip')
    .option(
      '--src <dir>',
      "source folder (default: ./solution/src if it exists, else this package's own solution/src)",
    )
    .requiredOption('--out <zip>', 'zip file to write')
    .addHelpText(
      'after',
      examples([
        ['portal-invite solution pack --src solution/src --out dist/PortalInvitations.zip', 'build the zip'],
      ]),
    )
    .action(
      action<SolutionPackOptions>(async (ctx, options) => {
        const src = options.src ?? defaultSolutionSource();
        if (options.src === undefined) ctx.out.info(`No --src given: packing ${src}.`);
        const result = await packSolution(await readFileTree(src));
        await mkdir(dirname(options.out), { recursive: true });
        await writeFile(options.out, result.zip);
        ctx.out.data({ zip: options.out, src, bytes: result.zip.length, workflows: result.workflows }, () =>
          [
            `Wrote ${options.out} (${result.zip.length} bytes) from ${src}.`,
            ...result.workflows.map((w) => `  ${w}`),
          ].join('\n'),
        );
      }),
    );
}

/**
 * The folder packed when --src is not given: `solution/src` in the current directory (a project's
 * own unpacked solution), else the one shipped in this package, found from the installed package
 * root the way the emulator finds its seed workflow.
 */
export function defaultSolutionSource(
  cwd: string = process.cwd(),
  root: string = packageRoot(__dirname),
): string {
  const local = resolve(cwd, 'solution', 'src');
  return existsSync(local) ? local : join(root, 'solution', 'src');
}
