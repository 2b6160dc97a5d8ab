/** `portal-invite workflow activate`: activate (publish) the workflow so it can run. */
import type { Command } from 'commander';
import { SEND_INVITATION_WORKFLOW_NAME } from '../../sdk/entities/index';
import { WorkflowService } from '../../sdk/workflows/index';
import { action, examples } from '../command';

/** Options of `workflow activate`. */
export interface WorkflowActivateOptions {
  /** Workflow name; default {@link SEND_INVITATION_WORKFLOW_NAME}. */
  name: string;
}

/** Registers `workflow activate` under the `workflow` group. */
export function registerWorkflowActivate(group: Command): void {
  group
    .command('activate')
    .description('activate (publish) the workflow so it can run')
    .option('--name <name>', 'workflow (definition) name', SEND_INVITATION_WORKFLOW_NAME)
    .addHelpText(
      'after',
      examples([['portal-invite workflow activate', `activate ${SEND_INVITATION_WORKFLOW_NAME}`]]),
    )
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
