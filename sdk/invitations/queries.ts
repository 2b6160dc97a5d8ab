/**
 * Reading and revoking invitations: by code (exact, Active), by status as a stream, and revoke.
 * Reads report each invitation's site and web roles in both data models (the models the
 * environment has, read first: two requests).
 */
import type { DataverseApi } from '../client/api';
import {
  InvitationState,
  InvitationStatus,
  InvitationTable,
  invitationSelect,
  invitationToWebApi,
  toInvitationRecord,
  type InvitationRecord,
} from '../entities/index';
import {
  invitationSiteQuery,
  loadSiteDirectory,
  readInvitationSite,
  type SiteDirectory,
} from '../sites/index';
import { InvitationError } from './errors';
import { expiredFilter, isExpired, notExpiredFilter } from './expiry';
import { isStatus, normalizeGuid, queryAll, quote } from './odata';
import type { InvitationDetails, InvitationListStatus } from './types';

const { entitySet, columns: c } = InvitationTable;

/**
 * The Active invitation whose code is exactly `code`. Dataverse compares strings without regard to
 * case, and codes are case-sensitive, so candidates are checked again here.
 */
export async function findInvitationByCode(
  client: DataverseApi,
  code: string,
): Promise<InvitationDetails | undefined> {
  const directory = await loadSiteDirectory(client);
  const site = invitationSiteQuery(directory);
  const rows = await queryAll(client, entitySet, {
    select: [...invitationSelect, ...site.select],
    filter: `${c.code} eq ${quote(code)} and ${c.state} eq ${InvitationState.Active}`,
    ...(site.expand.length ? { expand: site.expand.join(',') } : {}),
  });
  const row = rows.find((r) => toInvitationRecord(r).code === code);
  return row ? detailsOf(directory, row) : undefined;
}

function detailsOf(
  directory: SiteDirectory,
  row: Parameters<typeof toInvitationRecord>[0],
): InvitationDetails {
  return { ...toInvitationRecord(row), ...readInvitationSite(directory, row) };
}

/** The OData filter for a list status; `now` decides what is expired. */
export function statusFilter(status: InvitationListStatus, now: number): string | undefined {
  const active = `${c.state} eq ${InvitationState.Active}`;
  const notExpired = notExpiredFilter(now);
  switch (status) {
    case 'new':
      return `${active} and ${c.status} eq ${InvitationStatus.New} and ${notExpired}`;
    case 'sent':
      return `${active} and ${c.status} eq ${InvitationStatus.Sent} and ${notExpired}`;
    case 'redeemed':
      return `${active} and ${c.status} eq ${InvitationStatus.Redeemed}`;
    case 'expired':
      return `${active} and ${c.status} ne ${InvitationStatus.Redeemed} and ${expiredFilter(now)}`;
    case 'inactive':
      return `${c.state} eq ${InvitationState.Inactive}`;
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

/** Streams invitations with a status, page by page (never all in memory), with sites and roles. */
export async function* listInvitations(
  client: DataverseApi,
  status: InvitationListStatus,
  now: number,
): AsyncIterable<InvitationDetails> {
  const filter = statusFilter(status, now);
  const directory = await loadSiteDirectory(client);
  const site = invitationSiteQuery(directory);
  for await (const row of client.list(entitySet, {
    select: [...invitationSelect, ...site.select],
    filter,
    orderBy: `${c.createdOn} asc`,
    ...(site.expand.length ? { expand: site.expand.join(',') } : {}),
  })) {
    yield detailsOf(directory, row);
  }
}

/** Deactivates an invitation (Inactive / Inactive): its code no longer redeems. */
export async function revokeInvitation(client: DataverseApi, id: string): Promise<void> {
  try {
    await client.update(entitySet, normalizeGuid(id), invitationToWebApi({ status: 'inactive' }));
  } catch (error) {
    if (isStatus(error, 404)) {
      throw new InvitationError('not_found', `Invitation ${id} does not exist; check the id.`, {
        cause: error,
      });
    }
    throw error;
  }
}
