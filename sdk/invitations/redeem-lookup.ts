/**
 * The read half of a redemption: the invitation with everything the rules need, in one request,
 * and (for a registration) the contacts that share the username or e-mail, in one more that runs
 * at the same time.
 */
import type { DataverseClient } from '../client/index';
import type { WebApiRecord } from '../client/types';
import { invitationSelect, toInvitationRecord, type InvitationRecord } from '../entities/index';
import { Contact, Inv, WebRole } from './names';
import { expandText } from '../client/query/expand';
import { guid } from '../client/query/literal';
import { NO_CACHE, normalizeGuid, queryAll, quote, relativeUrl, type SimpleQuery } from './odata';

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
  /**
   * The redeeming contact when it was named (`{ contactId }`): its statecode, or null when no
   * such contact exists. Undefined when it was not looked up (a registration).
   */
  redeemer?: { id: string; state: number } | null;
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
 * With `redeemerId` (a redemption by an existing contact) the redeemed contacts are filtered to
 * that contact, and the contact itself is read in the same `$batch`: still one round trip. Sent
 * with `If-None-Match: null` so expanded collections are current, not cached.
 */
export async function lookupInvitation(
  client: DataverseClient,
  code: string,
  redeemerId?: string,
): Promise<RedeemableInvitation | undefined> {
  const query = invitationLookupQuery(code, redeemerId);
  if (!redeemerId) return toRedeemable(await queryAll(client, Inv.set, query), code);
  const id = normalizeGuid(redeemerId);
  const contactQuery: SimpleQuery = {
    select: [Contact.id, Contact.state],
    filter: `${Contact.id} eq ${id}`,
  };
  const [invitationResponse, contactResponse] = await client.batch([
    { method: 'GET', url: relativeUrl(Inv.set, query), headers: { ...NO_CACHE } },
    { method: 'GET', url: relativeUrl(Contact.entitySet, contactQuery), headers: { ...NO_CACHE } },
  ]);
  for (const response of [invitationResponse, contactResponse]) {
    if (response?.error) throw response.error;
  }
  const inv = toRedeemable(rowsOf(invitationResponse?.body), code);
  if (!inv) return undefined;
  const contact = rowsOf(contactResponse?.body)[0];
  inv.redeemer = contact ? { id, state: Number(contact[Contact.state] ?? 0) } : null;
  return inv;
}

/** The invitation query of {@link lookupInvitation}. */
export function invitationLookupQuery(code: string, redeemerId?: string): SimpleQuery {
  return {
    select: [...invitationSelect, Inv.state],
    filter: `${Inv.code} eq ${quote(code)}`,
    expand: expandText({
      [Inv.rel.webRoles]: { select: [WebRole.id] },
      [Inv.rel.redeemedContacts]: {
        select: [Contact.id],
        filter: redeemerId ? { [Contact.id]: guid(redeemerId) } : undefined,
      },
      [Inv.rel.inviteContacts]: { select: [Contact.id] },
      [Inv.lookups.inviteContact.navigation]: {
        select: [Contact.id, Contact.email, Contact.identityUsername],
      },
    }),
    headers: { ...NO_CACHE },
  };
}

function rowsOf(body: unknown): WebApiRecord[] {
  const value = (body as { value?: unknown } | undefined)?.value;
  return Array.isArray(value) ? (value as WebApiRecord[]) : [];
}

function toRedeemable(rows: WebApiRecord[], code: string): RedeemableInvitation | undefined {
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
