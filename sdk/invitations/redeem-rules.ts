/**
 * The redemption rules, as a pure decision over what the lookup read: refuse with a reason, or say
 * which contact redeems and what the invitation becomes. No I/O here, so every rule is testable
 * on its own.
 */
import { InvitationState, InvitationTable } from '../entities/index';
import { InvitationError } from './errors';
import { isExpired } from './expiry';
import { normalizeGuid } from './odata';
import type { RedeemableInvitation, RegistrationCandidate } from './redeem-lookup';
import type { ExternalLoginFacts } from './redeem-external-lookup';
import { externalRedeemer, type ExternalRedeemer } from './redeem-external-rules';
import {
  externalLoginOf,
  redeemingContactId,
  registrationOf,
  type LocalRegistration,
  type RedemptionRequest,
} from './types';

/** Who redeems, once decided. */
export type RedeemingContact =
  | { kind: 'existing'; id: string }
  /**
   * An existing contact that becomes a portal user (identity columns written, guarded by `etag`,
   * the row version read, so two registrations of one contact cannot both write an identity).
   */
  | { kind: 'register-existing'; id: string; setEmail: boolean; etag: string }
  /** A new contact created with the redemption. */
  | { kind: 'register-new'; id: string }
  /** Someone signed in with an external provider (see redeem-external-rules.ts). */
  | ExternalRedeemer;

/** What the write does. */
export interface RedemptionPlan {
  contact: RedeemingContact;
  /** adx_redemptions after the write. */
  redemptions: number;
  /** True when this redemption reaches the maximum: status becomes Redeemed. */
  reachesMaximum: boolean;
}

/** The maximum number of redemptions; undefined = no limit (Group with empty/0). Single is 1. */
export function maximumOf(inv: RedeemableInvitation): number | undefined {
  if (inv.record.type === 'single') return 1;
  const max = inv.record.maximumRedemptions;
  return max && max > 0 ? max : undefined;
}

/** What a redemption is decided on: what the lookup read, and what was asked for. */
export interface RedemptionFacts {
  /** The invitation with this code, or undefined when none has it. */
  invitation: RedeemableInvitation | undefined;
  /** Who redeems. */
  who: RedemptionRequest;
  /** For a registration: the contacts sharing its username or e-mail. */
  candidates: RegistrationCandidate[];
  /** The clock (epoch ms) expiry is decided at. */
  now: number;
  /** The id a registering user's new contact gets (chosen by the caller so a retry reuses it). */
  newContactId: string;
  /** For an external sign-in: its rows and the contacts the invitation could be for. */
  external?: ExternalLoginFacts;
}

/** Decides a redemption or throws {@link InvitationError} with the reason. */
export function decideRedemption(facts: RedemptionFacts): RedemptionPlan {
  const { invitation: inv, who, now } = facts;
  if (!inv)
    throw new InvitationError('not_found', 'No invitation has this code; check it was copied completely.');
  const id = inv.record.id;
  if (inv.state !== InvitationState.Active || inv.record.status === 'inactive') {
    throw new InvitationError('inactive', `Invitation ${id} has been deactivated; issue a new invitation.`);
  }
  if (inv.record.expiresOn && isExpired(inv.record.expiresOn, now)) {
    throw new InvitationError(
      'expired',
      `Invitation ${id} expired on ${inv.record.expiresOn.toISOString()} (the portal stops accepting a code at the stored instant of its expiry date, the start of that day for the user who set it); issue a new one or extend ${InvitationTable.columns.expiryDate}.`,
    );
  }
  const existing = redeemingContactId(who);
  if (existing !== undefined) checkRedeemer(inv, normalizeGuid(existing));
  const login = externalLoginOf(who);
  const contact: RedeemingContact =
    existing !== undefined
      ? ({ kind: 'existing', id: normalizeGuid(existing) } as const)
      : login
        ? externalRedeemer(inv, login, facts.external ?? { rows: [], invited: new Map() })
        : registrant(inv, registrationOf(who)!, facts);
  const max = maximumOf(inv);
  if (inv.record.type === 'single') {
    if (inv.record.inviteContactId && inv.record.inviteContactId !== contact.id) {
      throw new InvitationError(
        'not_invited',
        `Invitation ${id} is for another contact; only the invited contact may redeem it.`,
      );
    }
    if (inv.record.redemptions >= 1 || inv.record.redeemedContactId || inv.record.status === 'redeemed') {
      throw new InvitationError(
        'already_redeemed',
        `Invitation ${id} has already been redeemed; a single invitation redeems once.`,
      );
    }
  } else {
    if (inv.inviteContactIds.length > 0 && !inv.inviteContactIds.includes(contact.id)) {
      throw new InvitationError(
        'not_invited',
        `Contact ${contact.id} is not one of the contacts invited by group invitation ${id}.`,
      );
    }
    if (inv.redeemedContactIds.includes(contact.id)) {
      throw new InvitationError(
        'already_redeemed',
        `Contact ${contact.id} has already redeemed invitation ${id}; a contact redeems once.`,
      );
    }
    if (max !== undefined && inv.record.redemptions >= max) {
      throw new InvitationError(
        'max_redemptions',
        `Invitation ${id} has reached its maximum of ${max} redemptions.`,
      );
    }
  }
  const redemptions = inv.record.redemptions + 1;
  return { contact, redemptions, reachesMaximum: max !== undefined && redemptions >= max };
}

/** A named redeemer must exist and be Active (statecode 0); it is read with the invitation. */
function checkRedeemer(inv: RedeemableInvitation, contactId: string): void {
  if (inv.redeemer === null) {
    throw new InvitationError(
      'invalid',
      `Contact ${contactId} does not exist; check the contact id, nothing was redeemed.`,
    );
  }
  if (inv.redeemer && inv.redeemer.state !== 0) {
    throw new InvitationError(
      'invalid',
      `Contact ${contactId} is inactive; activate the contact first, nothing was redeemed.`,
    );
  }
}

function registrant(
  inv: RedeemableInvitation,
  registration: Pick<LocalRegistration, 'email' | 'username'>,
  { candidates, newContactId }: RedemptionFacts,
): RedeemingContact {
  const username = registration.username.toLowerCase();
  const email = registration.email.toLowerCase();
  const holder = candidates.find((c) => c.username?.toLowerCase() === username);
  let contact: RedeemingContact;
  if (inv.record.type === 'single' && inv.record.inviteContactId) {
    if (inv.inviteContactUsername) throw alreadyRegistered(inv.record.inviteContactId);
    contact = {
      kind: 'register-existing',
      id: inv.record.inviteContactId,
      setEmail: !inv.inviteContactEmail,
      etag: inv.inviteContactEtag ?? '*',
    };
  } else {
    const sameEmail = candidates.filter((c) => c.email?.toLowerCase() === email);
    if (sameEmail.length > 1) {
      throw new InvitationError(
        'invalid',
        `${sameEmail.length} contacts share this e-mail address; merge them or redeem with a contact id.`,
      );
    }
    if (sameEmail.length === 1) {
      if (sameEmail[0].username) throw alreadyRegistered(sameEmail[0].id);
      contact = {
        kind: 'register-existing',
        id: sameEmail[0].id,
        setEmail: false,
        etag: sameEmail[0].etag ?? '*',
      };
    } else {
      contact = { kind: 'register-new', id: newContactId };
    }
  }
  // Any holder refuses: a registering contact with a username was refused above, and a new
  // contact's id comes from the username, so a holder with that id is an earlier registrant.
  if (holder) {
    throw new InvitationError(
      'invalid',
      `The username "${registration.username}" is taken; choose another username.`,
    );
  }
  return contact;
}

function alreadyRegistered(contactId: string): InvitationError {
  return new InvitationError(
    'invalid',
    `Contact ${contactId} already has a portal account; sign in and redeem the code as that contact instead of registering.`,
  );
}
