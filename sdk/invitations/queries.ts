/**
 * Reading and revoking invitations: by code (exact, Active), by status as a stream, and revoke.
 */
import type { DataverseClient } from '../client/index';
import {
  InvitationState,
  InvitationStatus,
  invitationSelect,
  toInvitationRecord,
  type InvitationRecord,
} from '../entities/index';
import { InvitationError } from './errors';
import { expiredFilter, isExpired, notExpiredFilter } from './expiry';
import { Inv } from './names';
import { isStatus, normalizeGuid, queryAll, quote } from './odata';
import type { InvitationListStatus } from './types';

/**
 * The Active invitation whose code is exactly `code`. Dataverse compares strings without regard to
 * case, and codes are case-sensitive, so candidates are checked again here.
 */
export async function findInvitationByCode(
  client: DataverseClient,
  code: string,
): Promise<InvitationRecord | undefined> {
  const rows = await queryAll(client, Inv.set, {
    select: invitationSelect,
    filter: `${Inv.code} eq ${quote(code)} and ${Inv.state} eq ${InvitationState.Active}`,
  });
  const row = rows.find((r) => r[Inv.code] === code);
  return row ? toInvitationRecord(row) : undefined;
}

/** The OData filter for a list status; `now` decides what is expired. */
export function statusFilter(status: InvitationListStatus, now: number): string | undefined {
  const active = `${Inv.state} eq ${InvitationState.Active}`;
  const notExpired = notExpiredFilter(now);
  switch (status) {
    case 'new':
      return `${active} and ${Inv.status} eq ${InvitationStatus.New} and ${notExpired}`;
    case 'sent':
      return `${active} and ${Inv.status} eq ${InvitationStatus.Sent} and ${notExpired}`;
    case 'redeemed':
      return `${active} and ${Inv.status} eq ${InvitationStatus.Redeemed}`;
    case 'expired':
      return `${active} and ${Inv.status} ne ${InvitationStatus.Redeemed} and ${expiredFilter(now)}`;
    case 'inactive':
      return `${Inv.state} eq ${InvitationState.Inactive}`;
    case 'all':
      return undefined;
    default:
      throw new InvitationError(
        'invalid',
        `Unknown status "${String(status)}"; use new, sent, redeemed, expired, inactive or all.`,
      );
  }
}

/**
 * The status an invitation is listed under at `now`: its record status, except that an active
 * invitation that is not redeemed and whose expiry has passed is `expired` (it no longer redeems,
 * whatever its statuscode says), so a list never shows an expired invitation as `sent` or `new`.
 * Each invitation has exactly one of these, and {@link statusFilter} selects by the same rule.
 */
export function listStatusOf(
  invitation: Pick<InvitationRecord, 'status' | 'expiresOn'>,
  now: number,
): Exclude<InvitationListStatus, 'all'> {
  if (invitation.status === 'inactive' || invitation.status === 'redeemed') return invitation.status;
  return isExpired(invitation.expiresOn, now) ? 'expired' : invitation.status;
}

/** Streams invitations with a status, page by page (never all in memory). */
export async function* listInvitations(
  client: DataverseClient,
  status: InvitationListStatus,
  now: number,
): AsyncIterable<InvitationRecord> {
  const filter = statusFilter(status, now);
  for await (const row of client.list(Inv.set, {
    select: invitationSelect,
    filter,
    orderBy: `${Inv.createdOn} asc`,
  })) {
    yield toInvitationRecord(row);
  }
}

/** Deactivates an invitation (Inactive / Inactive): its code no longer redeems. */
export async function revokeInvitation(client: DataverseClient, id: string): Promise<void> {
  try {
    await client.update(Inv.set, normalizeGuid(id), {
      [Inv.state]: InvitationState.Inactive,
      [Inv.status]: InvitationStatus.Inactive,
    });
  } catch (error) {
    if (isStatus(error, 404)) {
      throw new InvitationError('not_found', `Invitation ${id} does not exist; check the id.`, {
        cause: error,
      });
    }
    throw error;
  }
}
