/**
 * The invitation service's public input and result shapes.
 */
import type { InvitationRecord } from '../entities/index';
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
  /** Web roles granted on redemption: ids or names. */
  webRoles?: string[];
  /** Workflow run on the redeeming contact: id or name of an activated definition. */
  redemptionWorkflow?: string;
  /** Group only: maximum redemptions; empty or 0 = no limit. */
  maxRedemptions?: number;
  /** The code; generated (256 random bits, base64url) when not given. */
  code?: string;
}

/** A created invitation with what it was associated with. */
export type CreatedInvitation = InvitationRecord & { webRoleIds: string[]; inviteContactIds: string[] };

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
 * Who redeems: an existing, Active contact, or a new portal user registering with the code. A
 * registration needs a username that is not blank, has no surrounding whitespace or control
 * characters and is at most 256 characters; an e-mail shaped like name@example.com; and a
 * password of at least 8 characters (a floor: the portal's own password policy may ask for more).
 * See registration-rules.ts.
 */
export type Redeemer =
  { contactId: string } | { registration: { email: string; username: string; password: string } };

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
