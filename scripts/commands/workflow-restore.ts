/** `portal-invite workflow restore`: put back a definition saved by `workflow patch-template`. */
import type { Command } from 'commander';
import { WorkflowService } from '../../sdk/workflows/index';
import { action, examples } from '../command';

/** Options of `workflow restore`. */
export interface WorkflowRestoreOptions {
  /** Backup file written by patch-template. */
  backup: string;
}

/** Registers `workflow restore` under the `workflow` group. */
export function registerWorkflowRestore(group: Command): void {
  group
    .command('restore')
    .description('restore a workflow definition (and its state) from a backup written by patch-template')
    .requiredOption('--backup <file>', 'backup file from patch-template (see its output or --backup-dir)')
    .addHelpText(
      'after',
      examples([['portal-invite workflow restore --backup .backups/<file>', 'undo a template patch']]),
    )
    .action(
      action<WorkflowRestoreOptions>(async (ctx, options) => {
        await new WorkflowService(ctx.client).restore(options.backup, {
          onStep: (step) => ctx.out.info(`- ${step}`),
        });
        ctx.out.data({ restored: options.backup }, () => `Restored the workflow from ${options.backup}.`);
      }),
    );
}
