/**
 * Which adx_externalidentity row a redemption created, recorded on its adx_inviteredemption
 * activity so that undoing the redemption removes that link and no other: one marked line in the
 * activity's `description`, written in the redemption's change set. The apply claim's journal
 * (redemption-claim-journal.ts) keeps every other line of the description as it found it.
 */

/** Start of the description line naming the sign-in row the redemption created. */
export const IDENTITY_NOTE_MARKER = 'portal-invitations sign-in linked: ';

/** The description line recording that the redemption created row `identityId`. */
export function identityNote(identityId: string): string {
  return `${IDENTITY_NOTE_MARKER}${identityId}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The row a redemption's description says it created, or undefined when it created none. */
export function createdIdentityOf(description: string | undefined): string | undefined {
  for (const line of (description ?? '').split('\n')) {
    if (!line.startsWith(IDENTITY_NOTE_MARKER)) continue;
    const id = line.slice(IDENTITY_NOTE_MARKER.length).trim();
    if (GUID.test(id)) return id.toLowerCase();
  }
  return undefined;
}
