/** `portal-invite workflow show`: the Send Invitation definition's state and its e-mail step, readable. */
import type { Command } from 'commander';
import { SEND_INVITATION_WORKFLOW_NAME, WorkflowState } from '../../sdk/entities/index';
import { readEmailStep, readEncodedCodeStep, WorkflowService } from '../../sdk/workflows/index';
import { action, examples } from '../command';
import { CliError } from '../errors';
import { enumName, fields, indent } from '../output';
import { backupDirOption, recoverInterruptedChanges } from '../workflow-safety';

/** Options of `workflow show`. */
export interface WorkflowShowOptions {
  /** Workflow name; default {@link SEND_INVITATION_WORKFLOW_NAME}. */
  name: string;
  /** Where interrupted changes are looked for. */
  backupDir: string;
}

/** Registers `workflow show` under the `workflow` group. */
export function registerWorkflowShow(group: Command): void {
  group
    .command('show')
    .description("show the workflow's state and its e-mail step (From, To, Subject, Body)")
    .option('--name <name>', 'workflow (definition) name', SEND_INVITATION_WORKFLOW_NAME)
    .addOption(backupDirOption())
    .addHelpText(
      'after',
      examples([
        [
          'portal-invite workflow show',
          `the ${SEND_INVITATION_WORKFLOW_NAME} e-mail as the invitee will get it`,
        ],
        ['portal-invite workflow show --name "Welcome Partner" --json', 'another workflow, as JSON'],
      ]),
    )
    .action(
      action<WorkflowShowOptions>(async (ctx, options) => {
        const service = new WorkflowService(ctx.client);
        await recoverInterruptedChanges(ctx, service, [options.backupDir], true);
        const workflow = await service.findDefinition(options.name);
        if (workflow.state !== WorkflowState.Activated) {
          ctx.out.warn(
            `"${workflow.name}" is in ${enumName(WorkflowState, workflow.state)}, not Activated: invitations cannot be sent until it is activated (portal-invite workflow activate${options.name === 'Send Invitation' ? '' : ` --name "${options.name}"`}).`,
          );
        }
        if (!workflow.xaml) {
          throw new CliError(`The workflow "${workflow.name}" has no definition (xaml) to read.`);
        }
        const step = readEmailStep(workflow.xaml);
        const encoded = readEncodedCodeStep(workflow.xaml);
        const state = enumName(WorkflowState, workflow.state);
        const data = { id: workflow.id, name: workflow.name, state, emailStep: step };
        ctx.out.data(encoded ? { ...data, encodedCode: encoded } : data, () =>
          [
            fields([
              ['Workflow', `${workflow.name} (${workflow.id})`],
              ['State', state],
              ['E-mail step', `${step.stepName} (${step.kind})`],
              ...(encoded
                ? [
                    [
                      '{encodedCode}',
                      `${encoded.output} of ${encoded.stepName} (${encoded.description})`,
                    ] as [string, string],
                  ]
                : []),
              ['From', step.from],
              ['To', step.to],
              ['Cc', step.cc],
              ['Bcc', step.bcc],
              ['Subject', step.subject],
            ]),
            'Body:',
            indent(step.body),
          ].join('\n'),
        );
      }),
    );
}
