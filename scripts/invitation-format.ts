/** How invitations and send results read on a terminal. */
import type { InvitationRecord } from '../sdk/entities/index';
import { fields, table } from './output';
import { isoDate } from './format';

/** An invitation as label/value lines. */
export function describeInvitation(
  invitation: InvitationRecord & { webRoleIds?: string[]; inviteContactIds?: string[] },
): string {
  return fields([
    ['Invitation', `${invitation.name} (${invitation.id})`],
    ['Type', invitation.type],
    ['Status', invitation.status],
    ['Code', invitation.code],
    ['Expires', isoDate(invitation.expiresOn)],
    [
      'Redemptions',
      `${invitation.redemptions}${invitation.maximumRedemptions ? ` of ${invitation.maximumRedemptions}` : ''}`,
    ],
    ['Invited', invitation.inviteContactIds?.join(', ') ?? invitation.inviteContactId],
    ['Account', invitation.accountId],
    ['Web roles', invitation.webRoleIds?.join(', ')],
  ]);
}

/** Invitations as a table (codes left out: they are the invitees' secrets; use --json to see them). */
export function invitationTable(invitations: InvitationRecord[]): string {
  return table(
    ['ID', 'NAME', 'TYPE', 'STATUS', 'REDEEMED', 'EXPIRES'],
    invitations.map((i) => [
      i.id,
      i.name,
      i.type,
      i.status,
      `${i.redemptions}${i.maximumRedemptions ? `/${i.maximumRedemptions}` : ''}`,
      isoDate(i.expiresOn),
    ]),
  );
}

/** One send result per line. */
export function describeSendResults(results: { id: string; status: string; reason?: string }[]): string {
  return results.map((r) => `${r.id}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`).join('\n') + '\n';
}
