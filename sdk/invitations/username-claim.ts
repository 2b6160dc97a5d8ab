/**
 * Usernames are unique, and Dataverse has no unique constraint on adx_identity_username, so "is
 * this username free?" followed by a write is a race: two registrations that both read "free"
 * would both commit. What Dataverse does enforce atomically is the primary key, so a registration
 * claims its username through ids derived from the normalised username (UUID version 5, RFC 9562):
 *
 * - The redemption activity of every registration (a new contact or an invited contact that
 *   becomes a portal user) gets the id {@link usernameClaimId}. It is created inside the same
 *   change set as the identity columns, so a second registration of the same username, whatever
 *   kind and whichever invitation, fails with 412 0x80040237 (duplicate key) and its whole change
 *   set rolls back: no contact, no identity, no redemption counted, no activity.
 * - A new contact created by a registration gets the id {@link registrantContactId}, so two
 *   registrations racing to create "the contact for this username" collide on the contact too.
 *
 * The read check in the rules still refuses a username held by a contact that got it some other
 * way (an administrator, the portal's own sign-up); those writers do not take the claim, so they
 * are the one race this cannot close. A claim outlives its username: once "bob" has registered
 * through an invitation, "bob" stays taken for invitations even if that contact is later renamed
 * or deleted — the safe side of the trade-off.
 */
import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../errors';

/** Namespace of the claim activity ids (fixed; changing it would free every claimed username). */
export const USERNAME_CLAIM_NAMESPACE = '6f3c1e2a-9b7d-4c5e-8a1f-2d4b6c8e0a13';
/** Namespace of the ids of contacts created by a registration. */
export const REGISTRANT_CONTACT_NAMESPACE = 'c2a7e9d4-5f1b-4e83-9a6c-0b3d5e7f9a21';

/** The form usernames are compared in: Unicode NFC, lower case (Dataverse compares without case). */
export function normaliseUsername(username: string): string {
  return username.normalize('NFC').toLowerCase();
}

/** A name-based UUID (version 5: SHA-1 of namespace bytes + UTF-8 name), lower case. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) {
    throw new InvalidArgumentError('namespace', `The namespace "${namespace}" is not a UUID.`);
  }
  const bytes = createHash('sha1')
    .update(Buffer.concat([ns, Buffer.from(name, 'utf8')]))
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the redemption activity that claims `username` (the same for every registration of it). */
export function usernameClaimId(username: string): string {
  return uuidV5(normaliseUsername(username), USERNAME_CLAIM_NAMESPACE);
}

/** The id a registration's new contact gets for `username`. */
export function registrantContactId(username: string): string {
  return uuidV5(normaliseUsername(username), REGISTRANT_CONTACT_NAMESPACE);
}
