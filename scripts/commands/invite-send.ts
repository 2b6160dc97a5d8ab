/** `portal-invite invite send`: e-mail invitations by running Send Invitation on each. */
import type { Command } from 'commander';
import { InvitationService } from '../../sdk/invitations/index';
import { action, examples } from '../command';
import { CliError } from '../errors';
import { describeSendResults } from '../output';
import { SEND_INVITATION_WORKFLOW_NAME } from '../../sdk/entities/workflow';

/** Registers `invite send` under the `invite` group. */
export function registerInviteSend(group: Command): void {
  group
    .command('send')
    .description(
      `e-mail one or more invitations (runs the ${SEND_INVITATION_WORKFLOW_NAME} workflow on each)`,
    )
    .argument('<id...>', 'invitation ids')
    .addHelpText(
      'after',
      examples([['portal-invite invite send 3f2a...e1 7b9c...04', 'send two invitations']]),
    )
    .action(
      action<Record<string, never>>(async (ctx, _options, ...ids) => {
        const results = await new InvitationService(ctx.client).send(ids.flat());
        ctx.out.data(results, () => describeSendResults(results));
        const unsent = results.filter((r) => r.status !== 'sent');
        if (unsent.length > 0) {
          const reasons = unsent.map((r) => `${r.id} ${r.status}: ${r.reason ?? 'unknown reason'}`);
          throw new CliError(
            `${unsent.length} of ${results.length} invitation(s) were NOT sent (${reasons.join('; ')}).`,
            'Fix the reasons given, then run `portal-invite invite send` again for those ids; revoked or redeemed invitations cannot be sent, create new ones instead.',
          );
        }
      }),
    );
}
