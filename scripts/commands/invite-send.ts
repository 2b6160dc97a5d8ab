/** `portal-invite invite send`: e-mail invitations by running Send Invitation on each. */
import type { Command } from 'commander';
import { InvitationService } from '../../sdk/invitations/index';
import { action, examples } from '../command';
import { CliError } from '../errors';
import { requireGuid } from '../ids';
import { describeSendResults } from '../output';
import { SEND_INVITATION_WORKFLOW_NAME } from '../../sdk/entities/workflow';

/** Options of `invite send`. */
export interface InviteSendOptions {
  /** E-mail invitations that were already sent again. */
  resend?: boolean;
}

/** Registers `invite send` under the `invite` group. */
export function registerInviteSend(group: Command): void {
  group
    .command('send')
    .description(
      `e-mail one or more invitations (runs the ${SEND_INVITATION_WORKFLOW_NAME} workflow on each)`,
    )
    .argument('<id...>', 'invitation ids')
    .option(
      '--resend',
      'e-mail invitations that were already sent again (never expired, revoked or redeemed ones)',
    )
    .addHelpText(
      'after',
      '\nEach invitation is e-mailed once: one already sent (status Sent, or a Send Invitation job\n' +
        'queued, running or succeeded) is skipped unless --resend is given. Expired, revoked and\n' +
        'redeemed invitations are never sent; each skipped one is listed with the reason.\n' +
        examples([
          ['portal-invite invite send 3f2a...e1 7b9c...04', 'send two invitations'],
          [
            'portal-invite invite send 3f2a...e1 --resend',
            'e-mail an invitation again (the invitee lost it)',
          ],
        ]),
    )
    .action(
      action<InviteSendOptions>(async (ctx, options, ...ids) => {
        const checked = ids.flat().map((id) => requireGuid(id, 'an invitation', 'invitation'));
        const results = await new InvitationService(ctx.client).send(checked, { resend: options.resend });
        ctx.out.data(results, () => describeSendResults(results));
        const unsent = results.filter((r) => r.status !== 'sent');
        if (unsent.length > 0) {
          const reasons = unsent.map((r) => `${r.id} ${r.status}: ${r.reason ?? 'unknown reason'}`);
          throw new CliError(
            `${unsent.length} of ${results.length} invitation(s) were NOT sent (${reasons.join('; ')}).`,
            unsent.every((r) => r.skip === 'already_sent')
              ? 'They had been e-mailed before; add --resend to e-mail them again.'
              : 'Fix the reasons given, then run `portal-invite invite send` again for those ids; expired, revoked or redeemed invitations cannot be sent: create new ones instead.',
          );
        }
      }),
    );
}
