/** `portal-invite invite revoke`: deactivate an invitation so its code no longer works. */
import type { Command } from 'commander';
import { InvitationService } from '../../sdk/invitations/index';
import { action, examples } from '../command';
import { requireGuid } from '../ids';

/** Registers `invite revoke` under the `invite` group. */
export function registerInviteRevoke(group: Command): void {
  group
    .command('revoke')
    .description('revoke (deactivate) an invitation; its code stops working')
    .argument('<id>', 'invitation id')
    .addHelpText('after', examples([['portal-invite invite revoke 3f2a...e1', 'revoke one invitation']]))
    .action(
      action<Record<string, never>>(async (ctx, _options, given) => {
        const id = requireGuid(given, 'an invitation', 'invitation');
        await new InvitationService(ctx.client).revoke(id);
        ctx.out.data({ id, status: 'inactive' }, () => `Revoked invitation ${id}.`);
      }),
    );
}
