/**
 * The read half of a redemption: the invitation with everything the rules need, in one request,
 * and (for a registration) the contacts that share the username or e-mail, in one more that runs
 * at the same time.
 */
import type { DataverseApi } from '../client/api';
import type { WebApiRecord } from '../client/types';
import {
  ContactState,
  ContactTable,
  InvitationState,
  InvitationTable,
  invitationSelect,
  readExpandedIds,
  readExpandedRow,
  readNumber,
  toContactRecord,
  toInvitationRecord,
  type InvitationRecord,
} from '../entities/index';
import { expandText } from '../client/query/expand';
import { guid } from '../client/query/literal';
import { NO_CACHE, normalizeGuid, queryAll, quote, relativeUrl, rowsOf, type SimpleQuery } from './odata';
import type { LocalRegistration } from './types';

/** An invitation as the redemption rules see it. */
export interface RedeemableInvitation {
  record: InvitationRecord;
  /** statecode ({@link InvitationState}). */
  state: number;
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

const invitation = InvitationTable.columns;
const { redeemedContacts, inviteContacts } = InvitationTable.relationships;
const { inviteContact } = InvitationTable.lookups;
const contact = ContactTable.columns;

/**
 * One request: the invitation with exactly this code (any state, so an inactive one can be told
 * apart from an unknown code), expanded with its redeemed and invited contacts and the
 * invited contact's identity. Dataverse matches strings without case; the code is compared again.
 * With `redeemerId` (a redemption by an existing contact) the redeemed contacts are filtered to
 * that contact, and the contact itself is read in the same `$batch`: still one round trip. Sent
 * with `If-None-Match: null` so expanded collections are current, not cached.
 */
export async function lookupInvitation(
  client: DataverseApi,
  code: string,
  options: { redeemerId?: string; signal?: AbortSignal } = {},
): Promise<RedeemableInvitation | undefined> {
  const { redeemerId, signal } = options;
  const query = invitationLookupQuery(code, redeemerId);
  if (!redeemerId) {
    return toRedeemable(await queryAll(client, InvitationTable.entitySet, { ...query, signal }), code);
  }
  const id = normalizeGuid(redeemerId);
  const contactQuery: SimpleQuery = {
    select: [contact.id, contact.state],
    filter: `${contact.id} eq ${id}`,
  };
  const [invitationResponse, contactResponse] = await client.batch(
    [
      { method: 'GET', url: relativeUrl(InvitationTable.entitySet, query), headers: { ...NO_CACHE } },
      { method: 'GET', url: relativeUrl(ContactTable.entitySet, contactQuery), headers: { ...NO_CACHE } },
    ],
    signal ? { signal } : undefined,
  );
  for (const response of [invitationResponse, contactResponse]) {
    if (response?.error) throw response.error;
  }
  const inv = toRedeemable(rowsOf(invitationResponse?.body), code);
  if (!inv) return undefined;
  const row = rowsOf(contactResponse?.body)[0];
  inv.redeemer = row ? { id, state: toContactRecord(row).state ?? ContactState.Active } : null;
  return inv;
}

/** The invitation query of {@link lookupInvitation}. */
export function invitationLookupQuery(code: string, redeemerId?: string): SimpleQuery {
  return {
    select: [...invitationSelect, invitation.state],
    filter: `${invitation.code} eq ${quote(code)}`,
    expand: expandText({
      [redeemedContacts]: {
        select: [contact.id],
        filter: redeemerId ? { [contact.id]: guid(redeemerId) } : undefined,
      },
      [inviteContacts]: { select: [contact.id] },
      [inviteContact.navigation]: {
        select: [contact.id, contact.email, contact.identityUsername],
      },
    }),
    headers: { ...NO_CACHE },
  };
}

function toRedeemable(rows: WebApiRecord[], code: string): RedeemableInvitation | undefined {
  const exact = rows
    .map((row) => ({ row, record: toInvitationRecord(row) }))
    .filter((r) => r.record.code === code);
  const found = exact.find((r) => stateOf(r.row) === InvitationState.Active) ?? exact[0];
  if (!found) return undefined;
  const { row, record } = found;
  const invited = readExpandedRow(row, inviteContact.navigation);
  const invitedContact = invited ? toContactRecord(invited) : undefined;
  return {
    record,
    state: stateOf(row),
    redeemedContactIds: readExpandedIds(row, redeemedContacts, contact.id),
    inviteContactIds: readExpandedIds(row, inviteContacts, contact.id),
    inviteContactUsername: text(invitedContact?.identityUsername),
    inviteContactEmail: text(invitedContact?.email),
    inviteContactEtag: text(invitedContact?.etag),
    etag: record.etag ?? '*',
  };
}

/** One request: Active contacts holding this username or this emailaddress1. */
export async function lookupRegistrationCandidates(
  client: DataverseApi,
  registration: Pick<LocalRegistration, 'email' | 'username'>,
  signal?: AbortSignal,
): Promise<RegistrationCandidate[]> {
  const rows = await queryAll(client, ContactTable.entitySet, {
    select: [contact.id, contact.email, contact.identityUsername],
    filter: `${contact.identityUsername} eq ${quote(registration.username)} or (${contact.state} eq ${ContactState.Active} and ${contact.email} eq ${quote(registration.email)})`,
    signal,
  });
  return rows.map(toContactRecord).map((row) => ({
    id: normalizeGuid(row.id),
    email: text(row.email),
    username: text(row.identityUsername),
    etag: text(row.etag),
  }));
}

/** statecode of an invitation row; Active when it was not read. */
function stateOf(row: WebApiRecord): number {
  return readNumber(row, invitation.state) ?? InvitationState.Active;
}

function text(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
