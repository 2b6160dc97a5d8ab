/** `portal-invite workflow deactivate`: deactivate the workflow (back to Draft) so its definition can be edited. */
import type { Command } from 'commander';
import { SEND_INVITATION_WORKFLOW_NAME } from '../../sdk/entities/index';
import { WorkflowService } from '../../sdk/workflows/index';
import { action, examples } from '../command';

/** Options of `workflow deactivate`. */
export interface WorkflowDeactivateOptions {
  /** Workflow name; default {@link SEND_INVITATION_WORKFLOW_NAME}. */
  name: string;
}

/** Registers `workflow deactivate` under the `workflow` group. */
export function registerWorkflowDeactivate(group: Command): void {
  group
    .command('deactivate')
    .description('deactivate the workflow (back to Draft) so its definition can be edited')
    .option('--name <name>', 'workflow (definition) name', SEND_INVITATION_WORKFLOW_NAME)
    .addHelpText(
      'after',
      examples([['portal-invite workflow deactivate', `deactivate ${SEND_INVITATION_WORKFLOW_NAME}`]]),
    )
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
