/**
 * Who an external sign-in redeems as, decided on what the lookups read (no I/O):
 * 1. the contact the sign-in is already linked to (an Active adx_externalidentity row), which must
 *    be one the invitation names when it names any (else `identity_in_use`: the sign-in belongs to
 *    another contact);
 * 2. else the invitation's invited contact (Single), or the invited contact whose emailaddress1 is
 *    the provider's e-mail (Group): the sign-in gets linked to it;
 * 3. else `not_invited`. Multitenant and Microsoft-account providers are why: e-mail matching
 *    against all contacts does not apply to them, so only an invitation says who someone is.
 * The invitation rules (expiry, single use, maximum...) are decideRedemption's, applied after.
 */
import { ContactState, type ContactFields } from '../entities/index';
import { signInInUse } from '../identities/identity-link';
import { signInState, type SignInContact } from '../identities/identity-reads';
import { externalIdentityId } from '../identities/login';
import { InvitationError } from './errors';
import { normalizeGuid } from './odata';
import type { RedeemableInvitation } from './redeem-lookup';
import type { ExternalLoginFacts } from './redeem-external-lookup';
import type { ExternalLoginRedemption } from './types';

/** An external sign-in's redeemer, once decided. */
export interface ExternalRedeemer {
  kind: 'external';
  /** The contact. */
  id: string;
  /** The adx_externalidentity row: the existing link, or the one this redemption creates. */
  identity: { id: string; created: boolean };
  /**
   * A new link only: the contact columns the portal sets on an external sign-up (the writer adds a
   * new security stamp). An existing link changes nothing on the contact, as a portal sign-in does not.
   */
  contactFields?: ContactFields;
}

function sameText(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The contact ids the invitation names: its invited contact (Single) or invited contacts (Group). */
function namedContacts(inv: RedeemableInvitation): string[] {
  if (inv.record.type === 'single')
    return inv.record.inviteContactId ? [normalizeGuid(inv.record.inviteContactId)] : [];
  return inv.inviteContactIds.map(normalizeGuid);
}

function mustBeActive(contact: SignInContact | undefined, id: string): void {
  if (!contact) {
    throw new InvitationError('invalid', `Contact ${id} does not exist; nothing was redeemed.`);
  }
  if (contact.state !== ContactState.Active) {
    throw new InvitationError(
      'invalid',
      `Contact ${id} is inactive, and the portal signs in Active contacts only; activate it first, nothing was redeemed.`,
    );
  }
}

/** What a new link writes on the contact (see {@link ExternalRedeemer.contactFields}). */
export function signUpFields(contact: SignInContact, login: ExternalLoginRedemption): ContactFields {
  const fields: ContactFields = { identityLogonEnabled: true };
  const email = contact.email ?? login.email;
  if (!contact.email && login.email) fields.email = login.email;
  // The portal confirms the e-mail on any external sign-up; here only an address the provider vouched for.
  if (sameText(email, login.email)) fields.identityEmailConfirmed = true;
  if (!contact.firstName && login.firstName) fields.firstName = login.firstName;
  if (!contact.lastName && login.lastName) fields.lastName = login.lastName;
  return fields;
}

function notInvited(inv: RedeemableInvitation, login: ExternalLoginRedemption): InvitationError {
  const id = inv.record.id;
  const what = `The sign-in ${login.subject} of ${login.provider} is linked to no contact`;
  if (inv.record.type === 'single') {
    return new InvitationError(
      'not_invited',
      `${what}, and invitation ${id} names no invited contact to link it to; invite the contact it is for, or link the sign-in first (portal-invite identities link).`,
    );
  }
  if (inv.inviteContactIds.length === 0) {
    return new InvitationError(
      'not_invited',
      `${what}, and group invitation ${id} names no invited contacts to link it to; add the contacts to the invitation, or link the sign-in first (portal-invite identities link).`,
    );
  }
  return new InvitationError(
    'not_invited',
    login.email
      ? `${what}, and no contact invited by group invitation ${id} has the e-mail ${login.email}.`
      : `${what}, and the provider gave no e-mail to pick one of the contacts invited by group invitation ${id}.`,
  );
}

/** Decides who `login` redeems `inv` as; see the file comment for the rules. */
export function externalRedeemer(
  inv: RedeemableInvitation,
  login: ExternalLoginRedemption,
  facts: ExternalLoginFacts,
): ExternalRedeemer {
  const { links, dormant, squatter } = signInState(login, facts.rows);
  const named = namedContacts(inv);
  if (squatter) throw signInInUse(login, squatter);
  const linkedIds = [...new Set(links.map((l) => l.contactId as string))];
  if (linkedIds.length > 1) throw signInInUse(login, links[1], links[0].contactId);
  if (linkedIds.length === 1) {
    const link = links[0];
    const contactId = linkedIds[0];
    if (named.length > 0 && !named.includes(contactId)) {
      throw new InvitationError(
        'identity_in_use',
        `The sign-in ${login.subject} of ${login.provider} is linked to contact ${contactId} (adx_externalidentity ${link.id}), but invitation ${inv.record.id} is for ${named.length === 1 ? `contact ${named[0]}` : 'other contacts'}; a sign-in belongs to one contact.`,
      );
    }
    mustBeActive(link.contact, contactId);
    return { kind: 'external', id: contactId, identity: { id: link.id, created: false } };
  }
  if (dormant[0]) throw signInInUse(login, dormant[0]);
  const offered = facts.invited.get(inv.record.id) ?? [];
  const candidates = offered.filter(
    (c, i) =>
      named.includes(c.id) &&
      offered.findIndex((o) => o.id === c.id) === i &&
      (inv.record.type === 'single' || sameText(c.email, login.email)),
  );
  if (candidates.length === 0) throw notInvited(inv, login);
  if (candidates.length > 1) {
    throw new InvitationError(
      'invalid',
      `${candidates.length} contacts invited by group invitation ${inv.record.id} have the e-mail ${login.email}; merge them or link the sign-in to one (portal-invite identities link).`,
    );
  }
  const [contact] = candidates;
  mustBeActive(contact, contact.id);
  return {
    kind: 'external',
    id: contact.id,
    identity: { id: externalIdentityId(login), created: true },
    contactFields: signUpFields(contact, login),
  };
}
