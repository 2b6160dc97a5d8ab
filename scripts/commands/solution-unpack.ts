/** `portal-invite solution unpack`: a solution zip → the SolutionPackager source folder. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { action, examples } from '../command';
import { unpackSolution, writeFileTree } from '../../sdk/solutions/index';

/** Options of `solution unpack`. */
export interface SolutionUnpackOptions {
  /** Zip to read. */
  zip: string;
  /** Folder to write the source layout into. */
  out: string;
}

/** Registers `solution unpack` under the `solution` group. */
export function registerSolutionUnpack(group: Command): void {
  group
    .command('unpack')
    .description('unpack a solution zip into the SolutionPackager source layout')
    .requiredOption('--zip <zip>', 'solution zip (e.g. from `solution export`)')
    .requiredOption('--out <dir>', 'folder to write (Other/, Workflows/)')
    .addHelpText(
      'after',
      examples([
        [
          'portal-invite solution unpack --zip exported.zip --out solution/src',
          'update the source from an export',
        ],
      ]),
    )
    .action(
      action<SolutionUnpackOptions>(async (ctx, options) => {
        const tree = await unpackSolution(await readFile(options.zip));
        const written = await writeFileTree(options.out, tree);
        ctx.out.data({ out: options.out, files: [...tree.keys()] }, () =>
          [`Unpacked ${options.zip} into ${options.out}:`, ...written.map((f) => `  ${f}`)].join('\n'),
        );
      }),
    );
}
