/** `portal-invite workflow activate`: activate (publish) the workflow so it can run. */
import type { Command } from 'commander';
import { WorkflowService } from '../../sdk/workflows/index';
import { action, examples } from '../command';

/** Options of `workflow activate`. */
export interface WorkflowActivateOptions {
  /** Workflow name; default "Send Invitation". */
  name: string;
}

/** Registers `workflow activate` under the `workflow` group. */
export function registerWorkflowActivate(group: Command): void {
  group
    .command('activate')
    .description('activate (publish) the workflow so it can run')
    .option('--name <name>', 'workflow (definition) name', 'Send Invitation')
    .addHelpText('after', examples([['portal-invite workflow activate', 'activate Send Invitation']]))
    .action(
      action<WorkflowActivateOptions>(async (ctx, options) => {
        const service = new WorkflowService(ctx.client);
        const workflow = await service.findDefinition(options.name);
        ctx.out.info(`Activating "${workflow.name}" (${workflow.id})...`);
        await service.activate(workflow.id);
        ctx.out.data(
          { id: workflow.id, name: workflow.name, state: 'Activated' },
          () => `"${workflow.name}" is now Activated.`,
        );
      }),
    );
}
