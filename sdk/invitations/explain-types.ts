/**
 * What `InvitationService.explain` reports: every reason a code would be refused now, each with
 * what to do about it, or that it would succeed and what the redemption would grant.
 */
import type { InvitationRecord } from '../entities/index';
import type { RegistrationVerdict, Site, SiteWebRole } from '../sites/index';

/** Why a code would be refused. */
export type ExplainReasonCode =
  /** No invitation has exactly this code. */
  | 'not_found'
  /** The invitation was deactivated (revoked). */
  | 'inactive'
  /** Its adx_expirydate has passed. */
  | 'expired'
  /** A group invitation reached adx_maximumredemptions. */
  | 'max_redemptions'
  /** A single invitation was redeemed, or this contact redeemed the group invitation already. */
  | 'already_redeemed'
  /** The contact asked about is not the invited contact (or not one of the group's). */
  | 'not_invited'
  /** The contact asked about does not exist. */
  | 'contact_not_found'
  /** The contact asked about is inactive. */
  | 'contact_inactive'
  /** The e-mail asked about belongs to several active contacts. */
  | 'contact_ambiguous'
  /** The invited contact has no emailaddress1: the e-mail cannot be sent, the portal cannot match it. */
  | 'invited_contact_no_email'
  /** The last Send Invitation job for the invitation failed or was canceled. */
  | 'send_failed'
  /** The site's Authentication/Registration/Enabled is false. */
  | 'registration_disabled'
  /** The site's invitation redemption form is off (InvitationEnabled false, RequiresInvitation not true). */
  | 'invitations_disabled'
  /** The site allows neither local nor external sign-in. */
  | 'no_sign_in';

/**
 * Where a reason stops the code: `redemption`, the rules `InvitationService.redeem` applies (it
 * throws); `site`, the site's registration settings (the portal's redeem page refuses it);
 * `delivery`, the invitee probably never received the code.
 */
export type ExplainScope = 'redemption' | 'site' | 'delivery';

/** One reason, in words an administrator can act on. */
export interface ExplainReason {
  reason: ExplainReasonCode;
  scope: ExplainScope;
  /** What is wrong, with the values read. */
  detail: string;
  /** What to do about it. */
  fix: string;
}

/** A contact as the explanation names it. */
export interface ContactSummary {
  id: string;
  name?: string;
  email?: string;
  /** statecode: 0 Active, 1 Inactive. */
  state?: number;
}

/** adx_expirydate as stored and as an instant. */
export interface InvitationExpiry {
  /** The value exactly as the Web API returned it. */
  stored: string;
  /** Dataverse's formatted value (the date as a user sees it), when it sent one. */
  formatted?: string;
  /** The same instant in UTC, ISO-8601. */
  utc: string;
  /** Whether the code is past it now (the rule of sdk/invitations/expiry.ts). */
  expired: boolean;
}

/** One redemption of the invitation (an adx_inviteredemption activity regarding it). */
export interface RedemptionRecord {
  /** The activity id. */
  id: string;
  /** Who redeemed (the activity's customer party), when it names one. */
  contact?: ContactSummary;
  /** When (the activity's createdon, ISO-8601 UTC). */
  on?: string;
}

/** The newest Send Invitation system job regarding the invitation. */
export interface SendJob {
  /** asyncoperationid. */
  id: string;
  /** succeeded, failed, canceled, or the job is still waiting / in progress. */
  outcome: 'succeeded' | 'failed' | 'canceled' | 'pending';
  /** The job's friendly message or message, when it failed. */
  message?: string;
  /** When it was created (ISO-8601 UTC). */
  on?: string;
}

/** What a redemption of the code would grant the redeeming contact. */
export interface RedemptionGrants {
  /** adx_assigntoaccount: becomes the contact's parent account. */
  account?: { id: string; name?: string };
  /** The web roles, with names, each in its data model. */
  webRoles: SiteWebRole[];
  /** adx_redemptionworkflow: run on the contact. */
  workflow?: { id: string; name?: string; activated: boolean };
}

/** The explanation of one code (for one contact, when asked). */
export interface InvitationExplanation {
  /** The code asked about. */
  code: string;
  /** The invitation with exactly this code (an Active one first), when there is one. */
  invitation?: InvitationRecord & {
    expiry?: InvitationExpiry;
    inviteContact?: ContactSummary;
    site?: Site;
  };
  /** The contact asked about (`who`), when it was given and found. */
  who?: ContactSummary;
  /** Every redemption so far, oldest first. */
  redemptions: RedemptionRecord[];
  /** The newest Send Invitation job, when the invitation was ever sent through it. */
  lastSend?: SendJob;
  /** The verdict of the site(s) whose settings were read (see `site check`). */
  sites: { site: Site; verdict: RegistrationVerdict }[];
  /** Every reason it would be refused now; empty when it would succeed. */
  reasons: ExplainReason[];
  /** True when `InvitationService.redeem` would accept it now (no `redemption` reason). */
  wouldRedeem: boolean;
  /** True when nothing stands in the way (no reason at all). */
  wouldSucceed: boolean;
  /** What the redemption would grant (absent when no invitation has the code). */
  grants?: RedemptionGrants;
  /** Things worth knowing that refuse nothing (never sent, a job still running, who may redeem). */
  notes: string[];
}

/** Who `explain` asks about: a contact id, or a contact's emailaddress1. */
export type ExplainWho = string | { contactId: string } | { email: string };
