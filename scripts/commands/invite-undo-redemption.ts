/**
 * `portal-invite invite undo-redemption`: reverse a redemption by the wrong person. A dry run
 * (what it would change) unless `--yes`; with `--yes`, one change set and a note on the invitation.
 */
import type { Command } from 'commander';
import { InvitationService, type UndoRedemptionResult, type UndoRole } from '../../sdk/invitations/index';
import { action, examples } from '../command';
import { fields } from '../output';

/** Options of `invite undo-redemption`. */
export interface InviteUndoRedemptionOptions {
  /** Write the undo (without it: a dry run). */
  yes?: boolean;
}

function roles(list: readonly UndoRole[]): string {
  return list.map((r) => `${r.name || r.id} (${r.dataModel})`).join(', ') || 'none';
}

/** The undo as label/value lines. */
export function describeUndo(result: UndoRedemptionResult): string {
  const kept = result.rolesKept.map((r) => `${r.name || r.id} (also granted by ${r.grantedBy.join(', ')})`);
  return fields([
    ['Redemption', result.redemptionId],
    ['Invitation', result.invitationId],
    ['Contact', result.contactId],
    ['Redemptions', `${result.redemptions.before} → ${result.redemptions.after}`],
    ['Status', `${result.status.before} → ${result.status.after}`],
    ['Redeemed contact', result.redeemedContactRemoved ? 'removed' : 'not recorded'],
    ['Web roles removed', roles(result.rolesRemoved)],
    ['Web roles kept', kept.join(', ') || 'none'],
    [
      'Sign-in removed',
      result.identityRemoved
        ? `${result.identityRemoved.subject} of ${result.identityRemoved.provider} (${result.identityRemoved.id})`
        : 'none',
    ],
    ...(result.localAccountRemoved
      ? ([['Local account removed', result.localAccountRemoved.username]] as [string, string][])
      : []),
    ...(result.noteId ? ([['Note', result.noteId]] as [string, string][]) : []),
  ]);
}

/** Registers `invite undo-redemption` under the `invite` group. */
export function registerInviteUndoRedemption(group: Command): void {
  group
    .command('undo-redemption')
    .description('reverse a redemption by the wrong person (a dry run unless --yes)')
    .argument('<redemption-id>', 'the adx_inviteredemption id (`invite redeem` prints it)')
    .option('--yes', 'undo it (without --yes: only show what would change)')
    .addHelpText(
      'after',
      '\nTakes the count down, removes the contact from the redeemed contact(s), puts a Redeemed status back to\n' +
        'Sent (or New), removes the web roles this invitation granted (not those another redeemed invitation of the\n' +
        'contact grants) and the sign-in (or local account) the redemption wrote, cancels the redemption, and notes it\n' +
        'on the invitation.\n' +
        examples([
          ['portal-invite invite undo-redemption 6f1c...', 'show what undoing it would change'],
          ['portal-invite invite undo-redemption 6f1c... --yes', 'undo it'],
        ]),
    )
    .action(
      action<InviteUndoRedemptionOptions>(async (ctx, options, redemptionId) => {
        const result = await new InvitationService(ctx.client).undoRedemption(redemptionId, {
          dryRun: options.yes !== true,
        });
        ctx.out.data(result, () => describeUndo(result));
        if (!result.applied) ctx.out.info('Dry run: nothing was changed. Run again with --yes to undo it.');
      }),
    );
}
