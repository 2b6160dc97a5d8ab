/**
 * The reads of `explain` about people, all GETs: the invitation's redemption activities with the
 * contact each names (its customer party), the contact `who` refers to (by id, or every contact
 * with that e-mail address), and the names of redeemers the invitation row did not carry.
 */
import type { DataverseApi } from '../client/api';
import { expandText } from '../client/query/expand';
import type { WebApiRecord } from '../client/types';
import {
  ActivityPartyTable,
  ContactTable,
  InviteRedemptionTable,
  StandardColumns,
  toContactRecord,
  toInviteRedemptionRecord,
} from '../entities/index';
import type { ExplainFacts } from './explain-read';
import type { ContactSummary, RedemptionRecord } from './explain-types';
import { anyOf, isGuid, NO_CACHE, normalizeGuid, quote } from './odata';

const contact = ContactTable.columns;

/** The contact columns an explanation shows. */
export const CONTACT_SELECT = [contact.id, contact.fullName, contact.email, contact.state];

/** A contact row (selected with {@link CONTACT_SELECT}) as a summary. */
export function summary(row: WebApiRecord): ContactSummary {
  const c = toContactRecord(row);
  const result: ContactSummary = { id: normalizeGuid(c.id) };
  if (c.fullName) result.name = c.fullName;
  if (c.email) result.email = c.email;
  if (c.state !== undefined) result.state = c.state;
  return result;
}

/** Every row of a query: GETs following the next links, current data, with formatted values. */
export async function rows(
  client: DataverseApi,
  entitySet: string,
  query: Parameters<DataverseApi['list']>[1],
): Promise<WebApiRecord[]> {
  const found: WebApiRecord[] = [];
  for await (const row of client.list(entitySet, query, { headers: { ...NO_CACHE }, annotations: true }))
    found.push(row);
  return found;
}

/** Redemption activities regarding the invitation, oldest first, with their customer contact. */
export async function readRedemptions(
  client: DataverseApi,
  invitationId: string,
): Promise<RedemptionRecord[]> {
  const { columns: c, lookups: l, relationships: r } = InviteRedemptionTable;
  const party = ActivityPartyTable;
  const found = await rows(client, InviteRedemptionTable.entitySet, {
    select: [c.id, c.createdOn],
    filter: `${l.regardingInvitation.valueField} eq ${normalizeGuid(invitationId)}`,
    orderBy: `${StandardColumns.createdOn} asc`,
    expand: expandText({
      [r.parties]: { select: [party.columns.participationType, party.lookups.partyContact.valueField] },
    }),
  });
  return found.map((row) => {
    const record = toInviteRedemptionRecord(row);
    const result: RedemptionRecord = { id: normalizeGuid(record.id) };
    if (record.contactId) result.contact = { id: normalizeGuid(record.contactId) };
    if (record.createdOn) result.on = record.createdOn.toISOString();
    return result;
  });
}

/** The contacts a `who` names: by id, or every contact with that emailaddress1. */
export async function readWho(client: DataverseApi, ref: string): Promise<ExplainFacts['who']> {
  const byEmail = !isGuid(ref);
  const filter = byEmail ? `${contact.email} eq ${quote(ref)}` : `${contact.id} eq ${normalizeGuid(ref)}`;
  const matches = (await rows(client, ContactTable.entitySet, { select: CONTACT_SELECT, filter })).map(
    summary,
  );
  return { ref, byEmail, matches };
}

/** Names and e-mails of contacts known only by id (the redeemers of older activities). */
export async function nameContacts(client: DataverseApi, facts: ExplainFacts): Promise<void> {
  const known = new Map<string, ContactSummary>();
  const invitation = facts.invitation;
  for (const c of [...(invitation?.redeemedContacts ?? []), ...(facts.who?.matches ?? [])])
    known.set(c.id, c);
  if (invitation?.inviteContact) known.set(invitation.inviteContact.id, invitation.inviteContact);
  const missing = [
    ...new Set(
      facts.redemptions.map((r) => r.contact?.id).filter((id): id is string => !!id && !known.has(id)),
    ),
  ];
  if (missing.length > 0) {
    const found = await rows(client, ContactTable.entitySet, {
      select: CONTACT_SELECT,
      filter: anyOf(contact.id, missing, 'guid'),
    });
    for (const row of found) known.set(summary(row).id, summary(row));
  }
  for (const r of facts.redemptions) if (r.contact) r.contact = known.get(r.contact.id) ?? r.contact;
}
