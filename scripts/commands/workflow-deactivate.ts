/** `portal-invite workflow deactivate`: deactivate the workflow (back to Draft) so its definition can be edited. */
import type { Command } from 'commander';
import { WorkflowService } from '../../sdk/workflows/index';
import { action, examples } from '../command';

/** Options of `workflow deactivate`. */
export interface WorkflowDeactivateOptions {
  /** Workflow name; default "Send Invitation". */
  name: string;
}

/** Registers `workflow deactivate` under the `workflow` group. */
export function registerWorkflowDeactivate(group: Command): void {
  group
    .command('deactivate')
    .description('deactivate the workflow (back to Draft) so its definition can be edited')
    .option('--name <name>', 'workflow (definition) name', 'Send Invitation')
    .addHelpText('after', examples([['portal-invite workflow deactivate', 'deactivate Send Invitation']]))
    .action(
      action<WorkflowDeactivateOptions>(async (ctx, options) => {
        const service = new WorkflowService(ctx.client);
        const workflow = await service.findDefinition(options.name);
        ctx.out.info(`Deactivating "${workflow.name}" (${workflow.id})...`);
        await service.deactivate(workflow.id);
        ctx.out.data(
          { id: workflow.id, name: workflow.name, state: 'Draft' },
          () => `"${workflow.name}" is now Draft.`,
        );
      }),
    );
}
