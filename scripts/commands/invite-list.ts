/** `portal-invite invite list`: invitations by status. */
import { Option, type Command } from 'commander';
import type { InvitationRecord } from '../../sdk/entities/index';
import { InvitationService, listStatusOf } from '../../sdk/invitations/index';
import { action, examples } from '../command';
import { invitationTable } from '../output';

/** An invitation as listed: its status is the list status (`expired` once past its expiry). */
export type ListedInvitation = Omit<InvitationRecord, 'status'> & { status: string };

/** Options of `invite list`. */
export interface InviteListOptions {
  /** Which invitations; default all. */
  status: 'new' | 'sent' | 'redeemed' | 'expired' | 'inactive' | 'all';
}

/** Registers `invite list` under the `invite` group. */
export function registerInviteList(group: Command): void {
  group
    .command('list')
    .description('list invitations (codes only with --json)')
    .addOption(
      new Option('--status <status>', 'which invitations')
        .choices(['new', 'sent', 'redeemed', 'expired', 'inactive', 'all'])
        .default('all'),
    )
    .addHelpText(
      'after',
      examples([
        ['portal-invite invite list --status sent', 'invitations e-mailed but not yet redeemed'],
        ['portal-invite invite list --json', 'everything, as JSON (with codes)'],
      ]),
    )
    .action(
      action<InviteListOptions>(async (ctx, options) => {
        const now = Date.now();
        const invitations: ListedInvitation[] = [];
        for await (const invitation of new InvitationService(ctx.client, { now: () => now }).list({
          status: options.status,
        })) {
          // The status shown is the one the invitation is listed under: an expired one reads "expired".
          invitations.push({ ...invitation, status: listStatusOf(invitation, now) });
        }
        ctx.out.data(invitations, () =>
          invitations.length === 0
            ? `No ${options.status === 'all' ? '' : options.status + ' '}invitations.`
            : invitationTable(invitations),
        );
      }),
    );
}
