/**
 * The identity a redemption may have written on its contact, as undo reads it: the sign-in row
 * its description names, and the contact's local username (which this redemption registered only
 * when the redemption's id is the claim on that username; see username-claim.ts).
 */
import type { DataverseApi } from '../client/api';
import {
  ContactTable,
  ExternalIdentityTable,
  externalIdentitySelect,
  toContactRecord,
  toExternalIdentityRecord,
  type ExternalIdentityRecord,
} from '../entities/index';
import { isStatus, NO_CACHE } from './odata';

/** The sign-in row with this id, or undefined when there is none (any more). */
export async function identityRow(
  client: DataverseApi,
  id: string | undefined,
): Promise<ExternalIdentityRecord | undefined> {
  if (!id) return undefined;
  try {
    return toExternalIdentityRecord(
      await client.retrieve(ExternalIdentityTable.entitySet, id, {
        select: externalIdentitySelect,
        headers: { ...NO_CACHE },
      }),
    );
  } catch (error) {
    // Unlinked since (by hand, or by an earlier undo): nothing left to remove.
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/** The contact's adx_identity_username, or undefined (none, or no such contact). */
export async function localUsername(client: DataverseApi, contactId: string): Promise<string | undefined> {
  try {
    const row = await client.retrieve(ContactTable.entitySet, contactId, {
      select: [ContactTable.columns.identityUsername],
      headers: { ...NO_CACHE },
    });
    return toContactRecord(row).identityUsername || undefined;
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}
