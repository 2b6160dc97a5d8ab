/**
 * End-to-end set-up for external sign-in tests: a seeded in-memory emulator with the tables of one
 * data model or both, a request-counting client, and readers for what a sign-in leaves behind
 * (adx_externalidentity rows, the contact's identity columns, redemptions, notes, held roles).
 */
import { SEED } from '../../emulator/core';
import { startEmulator, type EmulatorDataModel } from '../../emulator/index';
import { DataverseClient, StaticTokenCredential } from '../../sdk/client/index';
import type { WebApiRecord } from '../../sdk/client/types';
import { DATA_MODEL_NAMES, type DataModel } from '../../sdk/sites/index';

export { SEED };

/** The sign-in provider the tests use (a Microsoft Entra ID v2.0 authority). */
export const ENTRA = 'https://login.microsoftonline.com/0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e00ff/v2.0';

/** A running environment. */
export interface SignInHarness {
  url: string;
  client: DataverseClient;
  /** Requests sent by `client` so far. */
  requests: () => number;
  close(): Promise<void>;
}

/** Starts a seeded emulator (both data models unless `dataModel` says otherwise). */
export async function startSignInHarness(
  options: { dataModel?: EmulatorDataModel; maxConcurrency?: number } = {},
): Promise<SignInHarness> {
  const emulator = await startEmulator({ port: 0, db: ':memory:', seed: true, dataModel: options.dataModel });
  let count = 0;
  const client = new DataverseClient({
    url: emulator.url,
    credential: new StaticTokenCredential('sign-in-e2e'),
    maxConcurrency: options.maxConcurrency,
    logger: {
      debug: (message) => {
        if (message.startsWith('→ ')) count++;
      },
    },
  });
  return { url: emulator.url, client, requests: () => count, close: () => emulator.close() };
}

/** Every adx_externalidentity row (provider, subject, contact, state). */
export async function signInRows(client: DataverseClient): Promise<WebApiRecord[]> {
  const rows: WebApiRecord[] = [];
  for await (const row of client.list('adx_externalidentities', {
    select: [
      'adx_externalidentityid',
      'adx_identityprovidername',
      'adx_username',
      '_adx_contactid_value',
      'statecode',
    ],
  }))
    rows.push(row);
  return rows;
}

/** The identity columns of a contact. */
export function identityColumns(client: DataverseClient, contactId: string): Promise<WebApiRecord> {
  return client.retrieve('contacts', contactId, {
    select: [
      'emailaddress1',
      'firstname',
      'lastname',
      'adx_identity_username',
      'adx_identity_logonenabled',
      'adx_identity_emailaddress1confirmed',
      'adx_identity_securitystamp',
    ],
  });
}

/** adx_redemptions, statuscode and redeemed contact of an invitation. */
export function invitationState(client: DataverseClient, id: string): Promise<WebApiRecord> {
  return client.retrieve('adx_invitations', id, {
    select: [
      'adx_redemptions',
      'statuscode',
      'statecode',
      'adx_invitationcode',
      'adx_expirydate',
      '_adx_redeemedcontact_value',
    ],
    expand: 'adx_invitation_redeemedcontacts($select=contactid)',
  });
}

/** How many redemption activities regard the invitation. */
export function redemptionCount(client: DataverseClient, invitationId: string): Promise<number> {
  return client.count('adx_inviteredemptions', { filter: `_regardingobjectid_value eq ${invitationId}` });
}

/** The notes attached to an invitation, oldest first. */
export async function notesOf(client: DataverseClient, invitationId: string): Promise<WebApiRecord[]> {
  const rows: WebApiRecord[] = [];
  for await (const row of client.list('annotations', {
    select: ['subject', 'notetext'],
    filter: `_objectid_value eq ${invitationId}`,
    orderBy: 'createdon asc',
  }))
    rows.push(row);
  return rows;
}

/** The ids of the web roles a contact holds in one data model. */
export async function heldRoles(
  client: DataverseClient,
  contactId: string,
  model: DataModel,
): Promise<string[]> {
  const { role, contactRoles } = DATA_MODEL_NAMES[model];
  const ids: string[] = [];
  for await (const row of client.list<WebApiRecord>(`contacts(${contactId})/${contactRoles}`, {
    select: [role.primaryId],
  }))
    ids.push(String(row[role.primaryId]));
  return ids.sort();
}

/** Settles and counts outcomes: 'ok' or the InvitationError reason (or the error text). */
export function outcomes(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const reason = r.status === 'rejected' ? (r.reason as { reason?: string; message?: string }) : undefined;
    const key = r.status === 'fulfilled' ? 'ok' : (reason?.reason ?? String(reason?.message ?? r.reason));
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
