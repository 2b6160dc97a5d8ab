/**
 * `portal-invite workflow activate` and `workflow deactivate`: switch the workflow between
 * Activated (it can run) and Draft (its definition can be edited). One command module for both:
 * they differ only in the service call and the words.
 */
import type { Command } from 'commander';
import { SEND_INVITATION_WORKFLOW_NAME } from '../../sdk/entities/index';
import { WorkflowService } from '../../sdk/workflows/index';
import { action, examples } from '../command';
import { backupDirOption, recoverInterruptedChanges } from '../workflow-safety';

/** Options of `workflow activate` and `workflow deactivate`. */
export interface WorkflowActivationOptions {
  /** Workflow name; default {@link SEND_INVITATION_WORKFLOW_NAME}. */
  name: string;
  /** Where interrupted changes are looked for (and finished first). */
  backupDir: string;
}

/** What differs between the two verbs. */
interface Activation {
  verb: 'activate' | 'deactivate';
  description: string;
  /** The progress line's verb, e.g. "Activating". */
  doing: string;
  /** The state the workflow ends in, as `workflow show` names it. */
  state: 'Activated' | 'Draft';
  run: (service: WorkflowService, id: string) => Promise<void>;
}

const ACTIVATIONS: Activation[] = [
  {
    verb: 'deactivate',
    description: 'deactivate the workflow (back to Draft) so its definition can be edited',
    doing: 'Deactivating',
    state: 'Draft',
    run: (service, id) => service.deactivate(id),
  },
  {
    verb: 'activate',
    description: 'activate (publish) the workflow so it can run',
    doing: 'Activating',
    state: 'Activated',
    run: (service, id) => service.activate(id),
  },
];

/** Registers `workflow deactivate` and `workflow activate` under the `workflow` group. */
export function registerWorkflowActivation(group: Command): void {
  for (const activation of ACTIVATIONS) {
    group
      .command(activation.verb)
      .description(activation.description)
      .option('--name <name>', 'workflow (definition) name', SEND_INVITATION_WORKFLOW_NAME)
      .addOption(backupDirOption())
      .addHelpText(
        'after',
        examples([
          [
            `portal-invite workflow ${activation.verb}`,
            `${activation.verb} ${SEND_INVITATION_WORKFLOW_NAME}`,
          ],
        ]),
      )
      .action(
        action<WorkflowActivationOptions>(async (ctx, options) => {
          const service = new WorkflowService(ctx.client);
          await recoverInterruptedChanges(ctx, service, [options.backupDir]);
          const workflow = await service.findDefinition(options.name);
          ctx.out.info(`${activation.doing} "${workflow.name}" (${workflow.id})...`);
          await activation.run(service, workflow.id);
          ctx.out.data(
            { id: workflow.id, name: workflow.name, state: activation.state },
            () => `"${workflow.name}" is now ${activation.state}.`,
          );
        }),
      );
  }
}
