/**
 * What undoing a redemption is decided on, read fresh: the redemption activity (its claim state,
 * invitation, contact and the sign-in row it created), the invitation (count, status, whether the
 * contact is recorded as redeemed, whether it was ever e-mailed), the web roles it grants and the
 * contact holds, the roles the contact's other redeemed invitations grant, and that sign-in row.
 */
import type { DataverseApi } from '../client/api';
import type { WebApiRecord } from '../client/types';
import { expandText } from '../client/query/expand';
import { guid } from '../client/query/literal';
import {
  ActivityPartyTable,
  ContactTable,
  EmailTable,
  InvitationState,
  InvitationTable,
  invitationSelect,
  InviteRedemptionTable,
  readEtag,
  readExpandedIds,
  readNumber,
  toInvitationRecord,
  toInviteRedemptionRecord,
  type ExternalIdentityRecord,
  type InvitationRecord,
} from '../entities/index';
import { lookupWebRoles } from '../sites/web-role-lookup';
import { readInvitationRoles, readRoleLinks, type RoleIdsByModel } from '../sites/web-role-grants';
import { InvitationError } from './errors';
import { isStatus, NO_CACHE, normalizeGuid, queryAll } from './odata';
import { createdIdentityOf } from './redemption-identity-note';
import { identityRow, localUsername } from './undo-identity-read';
import { usernameClaimId } from './username-claim';

/** The redemption activity as undo reads it. */
export interface UndoRedemptionRow {
  id: string;
  etag: string;
  /** statecode ({@link ActivityState}). */
  state: number;
  /** Until when an apply claim holds, if one does. */
  leaseUntil?: Date;
  invitationId: string;
  contactId: string;
  /** The adx_externalidentity row the redemption created (its description says so), if any. */
  createdIdentityId?: string;
}

/** Everything undo decides on. */
export interface UndoFacts {
  redemption: UndoRedemptionRow;
  invitation: {
    record: InvitationRecord;
    etag: string;
    state: number;
    /** The contact is the Single's redeemed contact, or among the Group's redeemed contacts. */
    contactRecorded: boolean;
    /** A Send Invitation e-mail regarding it exists (so "not redeemed" means Sent, not New). */
    sent: boolean;
  };
  /** The web roles the invitation grants, and the contact holds, per data model present. */
  granted: RoleIdsByModel;
  held: RoleIdsByModel;
  /** Role id → the contact's other redeemed invitations that grant it too. */
  otherGrants: ReadonlyMap<string, string[]>;
  /** The sign-in row the redemption created, when it still exists. */
  identity?: ExternalIdentityRecord;
  /** Names of the roles both granted and held (id → name). */
  roleNames: ReadonlyMap<string, string>;
  /**
   * The contact's local portal username when this redemption registered it: a registration's
   * activity id is the claim on its username (username-claim.ts), so the two match only then.
   */
  registeredUsername?: string;
}

const redemption = InviteRedemptionTable;
const partySelect = `$select=${ActivityPartyTable.lookups.partyContact.valueField},${ActivityPartyTable.columns.participationType}`;

async function readRedemptionRow(client: DataverseApi, id: string): Promise<UndoRedemptionRow> {
  let row: WebApiRecord;
  try {
    row = await client.retrieve<WebApiRecord>(redemption.entitySet, id, {
      select: [
        redemption.columns.state,
        redemption.columns.description,
        redemption.columns.scheduledEnd,
        redemption.lookups.regardingInvitation.valueField,
      ],
      expand: `${redemption.relationships.parties}(${partySelect})`,
      headers: { ...NO_CACHE },
    });
  } catch (error) {
    if (isStatus(error, 404)) {
      throw new InvitationError('not_found', `Redemption ${id} does not exist; check the redemption id.`, {
        cause: error,
      });
    }
    throw error;
  }
  const record = toInviteRedemptionRecord(row);
  if (!record.invitationId || !record.contactId) {
    throw new InvitationError(
      'invalid',
      `Redemption ${id} names no ${record.invitationId ? 'contact (Customer party)' : 'invitation (regarding)'}; it was not written by a redemption and cannot be undone.`,
    );
  }
  return {
    id,
    etag: readEtag(row) ?? '*',
    state: record.state ?? 0,
    leaseUntil: record.scheduledEnd,
    invitationId: normalizeGuid(record.invitationId),
    contactId: normalizeGuid(record.contactId),
    createdIdentityId: createdIdentityOf(record.description),
  };
}

async function readInvitationFacts(client: DataverseApi, invitationId: string, contactId: string) {
  const { redeemedContacts } = InvitationTable.relationships;
  const [row, emails] = await Promise.all([
    client.retrieve<WebApiRecord>(InvitationTable.entitySet, invitationId, {
      select: invitationSelect,
      expand: expandText({
        [redeemedContacts]: {
          select: [ContactTable.columns.id],
          filter: { [ContactTable.columns.id]: guid(contactId) },
        },
      }),
      headers: { ...NO_CACHE },
    }),
    queryAll(client, EmailTable.entitySet, {
      select: [EmailTable.columns.id],
      filter: `${EmailTable.lookups.regardingInvitation.valueField} eq ${invitationId}`,
      top: 1,
    }),
  ]);
  const record = toInvitationRecord(row);
  const single = record.type === 'single';
  const contactRecorded = single
    ? normalizeGuid(record.redeemedContactId ?? '') === contactId
    : readExpandedIds(row, redeemedContacts, ContactTable.columns.id).map(normalizeGuid).includes(contactId);
  return {
    record,
    etag: readEtag(row) ?? '*',
    state: readNumber(row, InvitationTable.columns.state) ?? InvitationState.Active,
    contactRecorded,
    sent: emails.length > 0,
  };
}

/** The contact's other redeemed invitations (Single: redeemed contact; Group: among redeemed contacts). */
async function otherRedeemedInvitations(
  client: DataverseApi,
  contactId: string,
  except: string,
): Promise<string[]> {
  const c = InvitationTable.columns;
  const [singles, groups] = await Promise.all([
    queryAll(client, InvitationTable.entitySet, {
      select: [c.id],
      filter: `${InvitationTable.lookups.redeemedContact.valueField} eq ${contactId}`,
      headers: { ...NO_CACHE },
    }),
    (async () => {
      const rows: WebApiRecord[] = [];
      const path = `${ContactTable.entitySet}(${contactId})/${ContactTable.relationships.invitationsRedeemed}`;
      for await (const row of client.list(path, { select: [c.id] }, { headers: { ...NO_CACHE } }))
        rows.push(row);
      return rows;
    })(),
  ]);
  const ids = [...singles, ...groups].map((row) => normalizeGuid(toInvitationRecord(row).id));
  return [...new Set(ids)].filter((id) => id !== except);
}

/** Reads {@link UndoFacts} for redemption `redemptionId`. */
export async function readUndoFacts(client: DataverseApi, redemptionId: string): Promise<UndoFacts> {
  const row = await readRedemptionRow(client, normalizeGuid(redemptionId));
  const { invitationId, contactId } = row;
  const [invitation, links, others, identity, username] = await Promise.all([
    readInvitationFacts(client, invitationId, contactId),
    readRoleLinks(client, { invitationId, contactId }),
    otherRedeemedInvitations(client, contactId, invitationId),
    identityRow(client, row.createdIdentityId),
    localUsername(client, contactId),
  ]);
  const registeredUsername = username && usernameClaimId(username) === row.id ? username : undefined;
  const otherGrants = new Map<string, string[]>();
  const grants = await Promise.all(others.map((id) => readInvitationRoles(client, id)));
  grants.forEach((byModel, i) => {
    for (const ids of Object.values(byModel)) {
      for (const roleId of ids ?? [])
        otherGrants.set(roleId, [...(otherGrants.get(roleId) ?? []), others[i]]);
    }
  });
  const both = Object.entries(links.granted).flatMap(([model, ids]) =>
    (ids ?? []).filter((id) => links.held[model as keyof RoleIdsByModel]?.includes(id)),
  );
  const roleNames = new Map<string, string>();
  if (both.length > 0) {
    for (const [key, roles] of await lookupWebRoles(client, undefined, both)) {
      if (roles[0]) roleNames.set(key, roles[0].name);
    }
  }
  return {
    redemption: row,
    invitation,
    granted: links.granted,
    held: links.held,
    otherGrants,
    identity,
    roleNames,
    ...(registeredUsername ? { registeredUsername } : {}),
  };
}
