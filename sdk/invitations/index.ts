/**
 * Portal invitations: create (one, a group, or thousands), send, find, list, revoke and redeem,
 * plus the rules and side effects the server-side handlers share.
 */
export { InvitationService, type InvitationServiceOptions, type SendCallOptions } from './service';
export { InvitationError, PUBLIC_REDEMPTION_MESSAGE, type InvitationErrorReason } from './errors';
export { generateInvitationCode, INVITATION_CODE_BYTES, INVITATION_CODE_PATTERN } from './codes';
export { isExpired } from './expiry';
export { listStatusOf } from './queries';
export { whyNotSendable, type NotSendable } from './send';
export { validateRegistration, MAX_USERNAME_LENGTH, MIN_PASSWORD_LENGTH } from './registration-rules';
export { validateExternalLoginRedemption, MAX_NAME_LENGTH } from './registration-rules';
export { externalRedeemer, signUpFields, type ExternalRedeemer } from './redeem-external-rules';
export { lookupExternalLogin, type ExternalLoginFacts } from './redeem-external-lookup';
export { createdIdentityOf, IDENTITY_NOTE_MARKER } from './redemption-identity-note';
export { checkedExpiry } from './reissue-expiry';
export { reissueInvitation, type ReissueContext, type ReissueOptions, type ReissueResult } from './reissue';
export {
  undoRedemption,
  type KeptRole,
  type UndoContext,
  type UndoPlan,
  type UndoRedemptionOptions,
  type UndoRedemptionResult,
  type UndoRole,
} from './undo-redemption';
export {
  validateNewInvitation,
  checkInvitationShape,
  type InvitationDraft,
  type ValidateOptions,
} from './validate';
export {
  applyRedemption,
  applyRedemptionById,
  type ApplyRedemptionOptions,
  type ApplyRedemptionResult,
  type ApplyRedemptionTarget,
} from './apply-redemption';
export { RedemptionInProgressError } from './redemption-claim-options';
export { hashPassword, verifyPassword, type HashPasswordOptions } from './password-hash';
export {
  decideRedemption,
  maximumOf,
  type RedemptionFacts,
  type RedemptionPlan,
  type RedeemingContact,
} from './redeem-rules';
export { REDEMPTION_DETAIL_FIELDS } from './types';
export { externalLoginOf } from './types';
export { DEFAULT_CHUNK_SIZE } from './create-many';
export type {
  CreateInvitationInput,
  CreatedInvitation,
  CreateManyOptions,
  InvitationDetails,
  CreateManyProgress,
  CreateManyResult,
  ExternalLoginRedemption,
  InvitationListStatus,
  InvitationRecord,
  LocalRegistration,
  RedeemOptions,
  RedemptionDetails,
  RedemptionRequest,
  RedemptionResult,
  SendResult,
  SendSkipCode,
} from './types';
export { explainFromFacts, explainInvitation, type ExplainContext } from './explain';
export {
  MAX_CODE_LENGTH,
  readExplainFacts,
  type ExplainFacts,
  type ExplainedInvitation,
} from './explain-read';
export type {
  ContactSummary,
  ExplainReason,
  ExplainReasonCode,
  ExplainScope,
  ExplainWho,
  InvitationExpiry,
  InvitationExplanation,
  RedemptionGrants,
  RedemptionRecord,
  SendJob,
} from './explain-types';
