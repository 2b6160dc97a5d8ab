/**
 * The invitation domain's one error type. Transport failures stay `DataverseError`s; this says why
 * an invitation could not be created, sent or redeemed, in words an administrator can act on.
 */

import { ErrorKind, PortalInvitationsError } from '../errors';

/** Why an invitation operation was refused. */
export type InvitationErrorReason =
  | 'not_found'
  | 'inactive'
  | 'expired'
  | 'max_redemptions'
  | 'already_redeemed'
  | 'not_invited'
  /** The external sign-in (provider, subject) is already linked to another contact. */
  | 'identity_in_use'
  | 'invalid';

/** Raised when an invitation rule refuses the operation; nothing was written. */
export class InvitationError extends PortalInvitationsError {
  /** The rule that refused the operation. */
  readonly reason: InvitationErrorReason;

  constructor(reason: InvitationErrorReason, message: string, options?: { cause?: unknown }) {
    super(ErrorKind.Invitation, message, options);
    this.reason = reason;
  }
}

/** The one sentence an end user may see for any refused code (the portal shows no more). */
export const PUBLIC_REDEMPTION_MESSAGE = 'Invalid invitation code.';
