/**
 * The read half of a redemption: the invitation with everything the rules need, in one request,
 * and (for a registration) the contacts that share the username or e-mail, in one more that runs
 * at the same time.
 */
import type { DataverseClient } from '../client/index';
import type { WebApiRecord } from '../client/types';
import { invitationSelect, toInvitationRecord, type InvitationRecord } from '../entities/index';
import { Contact, Inv, WebRole } from './names';
import { normalizeGuid, queryAll, quote } from './odata';

/** An invitation as the redemption rules see it. */
export interface RedeemableInvitation {
  record: InvitationRecord;
  /** statecode (0 Active, 1 Inactive). */
  state: number;
  webRoleIds: string[];
  redeemedContactIds: string[];
  inviteContactIds: string[];
  /** The invited contact's portal username, when it already has one. */
  inviteContactUsername?: string;
  inviteContactEmail?: string;
  /** The invited contact's row version: a registration's identity write is guarded by it. */
  inviteContactEtag?: string;
  /** The row version the write is guarded by. */
  etag: string;
}

/** A contact that shares the registering user's username or e-mail. */
export interface RegistrationCandidate {
  id: string;
  email?: string;
  username?: string;
  /** The row version a registration's identity write is guarded by. */
  etag?: string;
}

/**
 * One request: the invitation with exactly this code (any state, so an inactive one can be told
 * apart from an unknown code), expanded with its web roles, redeemed and invited contacts and the
 * invited contact's identity. Dataverse matches strings without case; the code is compared again.
 */
export async function lookupInvitation(
  client: DataverseClient,
  code: string,
): Promise<RedeemableInvitation | undefined> {
  const contactSelect = `$select=${Contact.id}`;
  const rows = await queryAll(client, Inv.set, {
    select: [...invitationSelect, Inv.state],
    filter: `${Inv.code} eq ${quote(code)}`,
    expand: [
      `${Inv.rel.webRoles}($select=${WebRole.id})`,
      `${Inv.rel.redeemedContacts}(${contactSelect})`,
      `${Inv.rel.inviteContacts}(${contactSelect})`,
      `${Inv.lookups.inviteContact.navigation}($select=${Contact.id},${Contact.email},${Contact.identityUsername})`,
    ].join(','),
  });
  const exact = rows.filter((r) => r[Inv.code] === code);
  const row = exact.find((r) => Number(r[Inv.state]) === 0) ?? exact[0];
  if (!row) return undefined;
  const invited = row[Inv.lookups.inviteContact.navigation] as WebApiRecord | null | undefined;
  return {
    record: toInvitationRecord(row),
    state: Number(row[Inv.state] ?? 0),
    webRoleIds: idsOf(row[Inv.rel.webRoles], WebRole.id),
    redeemedContactIds: idsOf(row[Inv.rel.redeemedContacts], Contact.id),
    inviteContactIds: idsOf(row[Inv.rel.inviteContacts], Contact.id),
    inviteContactUsername: text(invited?.[Contact.identityUsername]),
    inviteContactEmail: text(invited?.[Contact.email]),
    inviteContactEtag: text(invited?.['@odata.etag']),
    etag: String(row['@odata.etag'] ?? '*'),
  };
}

/** One request: Active contacts holding this username or this emailaddress1. */
export async function lookupRegistrationCandidates(
  client: DataverseClient,
  registration: { email: string; username: string },
): Promise<RegistrationCandidate[]> {
  const rows = await queryAll(client, Contact.entitySet, {
    select: [Contact.id, Contact.email, Contact.identityUsername],
    filter: `${Contact.identityUsername} eq ${quote(registration.username)} or (statecode eq 0 and ${Contact.email} eq ${quote(registration.email)})`,
  });
  return rows.map((row) => ({
    id: normalizeGuid(String(row[Contact.id])),
    email: text(row[Contact.email]),
    username: text(row[Contact.identityUsername]),
    etag: text(row['@odata.etag']),
  }));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function idsOf(related: unknown, idField: string): string[] {
  if (!Array.isArray(related)) return [];
  return related
    .map((r) => (r as WebApiRecord)[idField])
    .filter((v): v is string => typeof v === 'string')
    .map(normalizeGuid);
}
