/**
 * Portal invitations: create (one, a group, or thousands), send, find, list, revoke and redeem,
 * plus the rules and side effects the server-side handlers share.
 */
export { InvitationService, type InvitationServiceOptions } from './service';
export { InvitationError, PUBLIC_REDEMPTION_MESSAGE, type InvitationErrorReason } from './errors';
export { generateInvitationCode, INVITATION_CODE_BYTES } from './codes';
export {
  validateNewInvitation,
  checkInvitationShape,
  type InvitationDraft,
  type ValidateOptions,
} from './validate';
export { applyRedemption, type ApplyRedemptionResult, type ApplyRedemptionTarget } from './apply-redemption';
export { hashPassword, verifyPassword, type HashPasswordOptions } from './password-hash';
export { decideRedemption, maximumOf, type RedemptionPlan, type RedeemingContact } from './redeem-rules';
export { DEFAULT_CHUNK_SIZE } from './create-many';
export type {
  CreateInvitationInput,
  CreatedInvitation,
  CreateManyOptions,
  CreateManyProgress,
  CreateManyResult,
  InvitationListStatus,
  InvitationRecord,
  RedemptionResult,
  Redeemer,
  SendResult,
} from './types';
