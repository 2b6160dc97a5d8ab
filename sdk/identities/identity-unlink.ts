/**
 * Unlinking external sign-ins: the rows are deleted and the contact gets a new security stamp in
 * the same change set, as ASP.NET Identity does when a login is removed, so sessions the portal
 * issued through that sign-in stop being accepted.
 * @see https://learn.microsoft.com/power-pages/security/authentication/
 */
import type { DataverseApi } from '../client/api';
import type { BatchRequest } from '../client/types';
import {
  ContactTable,
  contactToWebApi,
  ExternalIdentityTable,
  externalIdentitySelect,
  recordPath,
  toExternalIdentityRecord,
  type ExternalIdentityRecord,
} from '../entities/index';
import { InvitationError } from '../invitations/errors';
import { isStatus, NO_CACHE, normalizeGuid } from '../invitations/odata';
import { contactIdOf } from './contact-ref';
import { findSignInRows } from './identity-reads';
import { sameLogin, validateExternalLogin, type ExternalLogin } from './login';

/** Which sign-in to unlink: one row by its id, or a contact's rows of one sign-in. */
export type UnlinkTarget = { identityId: string } | { contact: string; login: ExternalLogin };

/** What {@link unlinkSignIn} removed (or, in a dry run, would remove). */
export interface UnlinkResult {
  /** The adx_externalidentity rows. */
  removed: ExternalIdentityRecord[];
  /** The contact(s) they signed in as; each gets a new adx_identity_securitystamp. */
  contactIds: string[];
  /** False for a dry run: nothing was written. */
  applied: boolean;
}

/** Options of {@link unlinkSignIn}. */
export interface UnlinkOptions {
  /** Only report what would be removed. */
  dryRun?: boolean;
  /** New GUIDs for the security stamps. */
  newId: () => string;
}

async function rowById(client: DataverseApi, id: string): Promise<ExternalIdentityRecord> {
  try {
    return toExternalIdentityRecord(
      await client.retrieve(ExternalIdentityTable.entitySet, normalizeGuid(id), {
        select: externalIdentitySelect,
        headers: { ...NO_CACHE },
      }),
    );
  } catch (error) {
    if (isStatus(error, 404)) {
      throw new InvitationError('not_found', `No adx_externalidentity has the id ${id}; check the id.`, {
        cause: error,
      });
    }
    throw error;
  }
}

async function rowsOfTarget(client: DataverseApi, target: UnlinkTarget): Promise<ExternalIdentityRecord[]> {
  if ('identityId' in target) return [await rowById(client, target.identityId)];
  validateExternalLogin(target.login);
  const contactId = await contactIdOf(client, target.contact);
  const rows = (await findSignInRows(client, target.login)).filter(
    (r) => sameLogin(r, target.login) && r.contactId === contactId,
  );
  if (rows.length === 0) {
    throw new InvitationError(
      'not_found',
      `Contact ${contactId} has no sign-in ${target.login.subject} of ${target.login.provider}; \`portal-invite identities list --contact ${contactId}\` shows its sign-ins.`,
    );
  }
  return rows.map(({ contact: _contact, ...row }) => row);
}

/** The change set that deletes `rows` and gives each contact a new security stamp. */
export function unlinkRequests(rows: readonly ExternalIdentityRecord[], newId: () => string): BatchRequest[] {
  const requests: BatchRequest[] = rows.map((row) => ({
    method: 'DELETE',
    url: recordPath(ExternalIdentityTable.entitySet, row.id),
  }));
  for (const contactId of contactsOf(rows)) {
    // If-Match: * so the PATCH only updates: a contact deleted meanwhile is not re-created.
    requests.push({
      method: 'PATCH',
      url: recordPath(ContactTable.entitySet, contactId),
      body: contactToWebApi({ identitySecurityStamp: newId() }),
      headers: { 'If-Match': '*' },
    });
  }
  return requests;
}

function contactsOf(rows: readonly ExternalIdentityRecord[]): string[] {
  return [...new Set(rows.map((r) => r.contactId).filter((id): id is string => id !== undefined))];
}

/**
 * Removes the sign-in `target` names, all or nothing, with a new security stamp for its contact.
 * @throws InvitationError `not_found` when there is no such row (or the contact has no such sign-in)
 */
export async function unlinkSignIn(
  client: DataverseApi,
  target: UnlinkTarget,
  options: UnlinkOptions,
): Promise<UnlinkResult> {
  const removed = await rowsOfTarget(client, target);
  const result: UnlinkResult = { removed, contactIds: contactsOf(removed), applied: false };
  if (options.dryRun) return result;
  const responses = await client.batch([{ changeSet: unlinkRequests(removed, options.newId) }]);
  const failed = responses.find((r) => r.error || r.status >= 400);
  if (failed?.error) throw failed.error;
  return { ...result, applied: true };
}
