/** `portal-invite workflow restore`: put back a definition saved by `workflow patch-template`. */
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { WorkflowService } from '../../sdk/workflows/index';
import { action, examples } from '../command';
import { backupDirOption, deferStopSignals, recoverInterruptedChanges } from '../workflow-safety';

/** Options of `workflow restore`. */
export interface WorkflowRestoreOptions {
  /** Backup file written by patch-template. */
  backup: string;
  /** Where interrupted changes are looked for (the backup's own directory too). */
  backupDir: string;
}

/** Registers `workflow restore` under the `workflow` group. */
export function registerWorkflowRestore(group: Command): void {
  group
    .command('restore')
    .description('restore a workflow definition (and its state) from a backup written by patch-template')
    .requiredOption('--backup <file>', 'backup file from patch-template (see its output or --backup-dir)')
    .addOption(backupDirOption())
    .addHelpText(
      'after',
      examples([['portal-invite workflow restore --backup .backups/<file>', 'undo a template patch']]),
    )
    .action(
      action<WorkflowRestoreOptions>(async (ctx, options) => {
        const service = new WorkflowService(ctx.client);
        await recoverInterruptedChanges(ctx, service, [options.backupDir, dirname(options.backup)]);
        const signals = deferStopSignals(ctx);
        try {
          await service.restore(options.backup, { onStep: (step) => ctx.out.info(`- ${step}`) });
        } finally {
          signals.release();
        }
        ctx.out.data({ restored: options.backup }, () => `Restored the workflow from ${options.backup}.`);
        signals.throwIfReceived();
      }),
    );
}
