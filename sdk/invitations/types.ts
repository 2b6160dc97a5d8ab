/**
 * The invitation service's public input and result shapes.
 */
import type { InvitationRecord, InviteRedemptionFields } from '../entities/index';
import type { InvitationSiteDetails, Site, SiteWebRole } from '../sites/index';
import type { ApplyRedemptionResult } from './apply-redemption';

export type { InvitationRecord };

/** One invitation to create. */
export interface CreateInvitationInput {
  /** Client-chosen adx_invitationid: makes a retry or a resumed bulk run safe (never a duplicate). */
  id?: string;
  /** Single: one contact, one redemption. Group: several contacts, up to `maxRedemptions`. */
  type: 'single' | 'group';
  /** The invited contact: id or emailaddress1 (Single). */
  contact?: string;
  /** Invited contacts: ids or e-mails (Group; a Single takes exactly one). */
  contacts?: string[];
  /** adx_name; default "Invitation for <contact>" / "Group invitation (<n> contacts)". */
  name?: string;
  /** After this the code no longer redeems. */
  expiresOn?: Date | string;
  /** The inviting contact (adx_invitercontact): id or e-mail. */
  inviter?: string;
  /** Owner (systemuser id): the e-mail's default sender. */
  owner?: string;
  /** Account assigned to the redeeming contact: id or name. */
  account?: string;
  /**
   * The Power Pages site the invitation is for: its name or id (powerpagesite for the enhanced
   * data model, adx_website for the standard one). Its web roles are looked up in that site, the
   * invitation's site lookup is set, and the roles are linked through that model's N:N. Without
   * it, the web roles decide: an environment with one site uses that site; with several, each role
   * name must belong to exactly one site (a name several sites share is refused, naming them, and
   * nothing is written). With neither a site nor web roles, no site is looked up or set.
   */
  site?: string;
  /** Web roles granted on redemption: ids or names (of the site's roles; see `site`). */
  webRoles?: string[];
  /** Workflow run on the redeeming contact: id or name of an activated definition. */
  redemptionWorkflow?: string;
  /** Group only: maximum redemptions; empty or 0 = no limit. */
  maxRedemptions?: number;
  /** The code; generated (256 random bits, base64url) when not given. */
  code?: string;
}

/** A created invitation with what it was associated with. */
export type CreatedInvitation = InvitationRecord & {
  /** Every web role linked, of either data model. */
  webRoleIds: string[];
  inviteContactIds: string[];
  /** The site the invitation is for, when one was named or chosen (see `CreateInvitationInput.site`). */
  site?: Site;
  /** The web roles linked, with their names and data model. */
  webRoles: SiteWebRole[];
};

/** An invitation as findByCode and list report it: its columns, its site and its web roles by name. */
export type InvitationDetails = InvitationRecord & InvitationSiteDetails;

/** One row's outcome in {@link InvitationService.createMany}. */
export interface CreateManyResult {
  /** Position of the row in the input (0-based). */
  index: number;
  /** created; exists (the id was already there: a resumed run); failed (see reason). */
  status: 'created' | 'exists' | 'failed';
  id?: string;
  code?: string;
  reason?: string;
}

/** Progress of a bulk create, reported after each chunk. */
export interface CreateManyProgress {
  done: number;
  created: number;
  failed: number;
}

/** Options for {@link InvitationService.createMany}. */
export interface CreateManyOptions {
  /** Called after each chunk. */
  onProgress?: (progress: CreateManyProgress) => void;
  /** Stops between chunks (and aborts requests in flight). */
  signal?: AbortSignal;
  /** Rows per CreateMultiple request; default 1000. */
  chunkSize?: number;
}

/**
 * Why {@link InvitationService.send} skipped an invitation: `already_sent` (status Sent or a
 * succeeded Send Invitation job; pass `resend` to e-mail it again), `in_progress` (a job is queued
 * or running), `expired`, `inactive` (revoked), `redeemed`, `no_contact`, `no_email`, or `stopped`
 * (the caller's stop signal came first).
 */
export type SendSkipCode =
  | 'already_sent'
  | 'in_progress'
  | 'expired'
  | 'inactive'
  | 'redeemed'
  | 'no_contact'
  | 'no_email'
  | 'stopped';

/** One invitation's outcome in {@link InvitationService.send}. */
export interface SendResult {
  id: string;
  status: 'sent' | 'skipped' | 'failed';
  /** For a skipped invitation: why, as a stable code. */
  skip?: SendSkipCode;
  /** Why it was skipped or failed. */
  reason?: string;
  /** The system job running the Send Invitation workflow. */
  asyncOperationId?: string;
}

/**
 * A new local portal account, registered with the code: the contact's adx_identity_* columns are
 * written (the password only as an ASP.NET Identity hash) and the username is claimed atomically
 * (username-claim.ts). {@link validateRegistration} checks it before anything is read: a username
 * that is not blank, has no surrounding whitespace or control characters and is at most 256
 * characters; an e-mail shaped like name@example.com; a password of at least 8 characters (a floor:
 * the portal's own password policy may ask for more).
 */
export interface LocalRegistration {
  /** emailaddress1 of the contact; an Active contact with this e-mail and no account becomes the user. */
  email: string;
  /** adx_identity_username; unique among portal users (compared without case). */
  username: string;
  /** Hashed before it is written; never logged, kept or put in a message. */
  password: string;
}

/**
 * A redemption by someone signed in with an external provider (Microsoft Entra ID, Entra External
 * ID, Azure AD B2C, another OpenID Connect provider...): the sign-in, and what the provider says
 * about the person. The contact is the one the sign-in is already linked to; else the invitation's
 * invited contact (for a Group, the invited contact whose emailaddress1 is `email`); else the code
 * is refused `not_invited`. A sign-in not linked yet is linked (adx_externalidentity) in the same
 * change set as the redemption, with the identity columns the portal sets on an external sign-up.
 */
export interface ExternalLoginRedemption {
  /** adx_identityprovidername: the provider's authentication type (for OpenID Connect, its authority URL). */
  provider: string;
  /** adx_username: the provider's key for the user (`sub`, or `oid` for a single-tenant Entra provider). */
  subject: string;
  /** The e-mail the provider vouches for: picks a Group's invited contact; confirms a matching emailaddress1. */
  email?: string;
  /** Written to a contact that has no firstname yet. */
  firstName?: string;
  /** Written to a contact that has no lastname yet. */
  lastName?: string;
}

/**
 * The adx_inviteredemption columns a caller may supply with a redemption, as
 * `InviteRedemptionFields` names them (sdk/entities/adx-inviteredemption.ts); the redemption writes
 * them on its activity and ignores any other property. None yet. To let callers record one (say
 * adx_ipaddress), map it in that entity file and list it here, e.g. `['ipAddress']`.
 */
export const REDEMPTION_DETAIL_FIELDS = [] as const satisfies readonly (keyof InviteRedemptionFields)[];

/** What a request may say about the redemption itself: the fields of {@link REDEMPTION_DETAIL_FIELDS}. */
export type RedemptionDetails = Partial<
  Pick<InviteRedemptionFields, (typeof REDEMPTION_DETAIL_FIELDS)[number]>
>;

/**
 * Who redeems a code, the second argument of {@link InvitationService.redeem}: an existing, Active
 * contact (`{ contactId }`, its id), a new local registration (`{ registration }`, see
 * {@link LocalRegistration}), or someone signed in with an external provider (`{ externalLogin }`,
 * see {@link ExternalLoginRedemption}), plus any {@link RedemptionDetails}.
 */
export type RedemptionRequest = (
  { contactId: string } | { registration: LocalRegistration } | { externalLogin: ExternalLoginRedemption }
) &
  RedemptionDetails;

/** The existing contact a request names, or undefined for a registration. */
export function redeemingContactId(request: RedemptionRequest): string | undefined {
  return 'contactId' in request ? request.contactId : undefined;
}

/** The registration a request carries, or undefined when an existing contact redeems. */
export function registrationOf(request: RedemptionRequest): LocalRegistration | undefined {
  return 'registration' in request ? request.registration : undefined;
}

/** The external sign-in a request carries, or undefined for a contact id or a registration. */
export function externalLoginOf(request: RedemptionRequest): ExternalLoginRedemption | undefined {
  return 'externalLogin' in request ? request.externalLogin : undefined;
}

/** Per-call options of {@link InvitationService.redeem}. */
export interface RedeemOptions {
  /**
   * Stops the lookup, the write or the wait between attempts. Once the change set has committed,
   * the redemption stands: in-process handlers still run, and the result is returned.
   */
  signal?: AbortSignal;
}

/** A successful redemption. */
export interface RedemptionResult {
  invitationId: string;
  contactId: string;
  /** The adx_inviteredemption activity written with the redemption. */
  redemptionId: string;
  /** The invitation's status afterwards. */
  status: 'new' | 'sent' | 'redeemed';
  /** adx_redemptions afterwards. */
  redemptions: number;
  /** An external-login redemption: the adx_externalidentity row the sign-in is linked through. */
  externalIdentityId?: string;
  /** An external-login redemption: true when this redemption linked the sign-in (created the row). */
  identityLinked?: boolean;
  /** With `handlers: 'in-process'`: what the redemption handlers changed. */
  handlers?: ApplyRedemptionResult;
  /**
   * With `handlers: 'in-process'`: set when the redemption committed but applying its account,
   * web roles or workflow failed (the message). Retry with
   * {@link InvitationService.applyRedemption}(redemptionId); a retry is idempotent.
   */
  handlersError?: string;
}

/** Statuses {@link InvitationService.list} filters by. */
export type InvitationListStatus = 'new' | 'sent' | 'redeemed' | 'expired' | 'inactive' | 'all';
