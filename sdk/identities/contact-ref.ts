/**
 * The contact an identity command names: its id, or its emailaddress1 (an Active contact, exactly
 * one), and what the contact is as a sign-in's owner.
 */
import type { DataverseApi } from '../client/api';
import { ContactState, ContactTable } from '../entities/index';
import { InvitationError } from '../invitations/errors';
import { isGuid, isStatus, NO_CACHE, normalizeGuid } from '../invitations/odata';
import { resolveContacts } from '../invitations/resolve';
import { SIGN_IN_CONTACT_SELECT, toSignInContact, type SignInContact } from './identity-reads';

/**
 * The id of the contact `ref` names: a GUID as given (normalised), or the one Active contact whose
 * emailaddress1 is `ref`.
 * @throws InvitationError `invalid` when no contact, or several, have that address
 */
export async function contactIdOf(client: DataverseApi, ref: string): Promise<string> {
  const wanted = ref.trim();
  if (isGuid(wanted)) return normalizeGuid(wanted);
  const { found, problems } = await resolveContacts(client, [wanted]);
  const key = wanted.toLowerCase();
  const hit = found.get(key);
  if (hit) return hit.id;
  throw new InvitationError(
    'invalid',
    `No single Active contact has the e-mail address ${wanted} (${problems.get(key) ?? 'not found'}); give the contact id.`,
  );
}

/**
 * The contact `ref` names, read fresh; it must exist and be Active to hold a sign-in (the portal
 * signs in Active contacts only).
 * @throws InvitationError `invalid` for a missing or inactive contact
 */
export async function activeContact(client: DataverseApi, ref: string): Promise<SignInContact> {
  const id = await contactIdOf(client, ref);
  let contact: SignInContact;
  try {
    contact = toSignInContact(
      await client.retrieve(ContactTable.entitySet, id, {
        select: [...SIGN_IN_CONTACT_SELECT],
        headers: { ...NO_CACHE },
      }),
    );
  } catch (error) {
    if (isStatus(error, 404)) {
      throw new InvitationError('invalid', `Contact ${id} does not exist; check the contact id or e-mail.`, {
        cause: error,
      });
    }
    throw error;
  }
  if (contact.state !== ContactState.Active) {
    throw new InvitationError(
      'invalid',
      `Contact ${id} is inactive, and the portal signs in Active contacts only; activate it first.`,
    );
  }
  return contact;
}
