/**
 * External sign-ins of portal contacts (adx_externalidentity, the same table in both data
 * models): the sign-in's shape and row id, reads, and `IdentityService` (list, link, unlink).
 */
export { IdentityService, type ContactSignIns, type IdentityServiceOptions } from './identity-service';
export {
  EXTERNAL_IDENTITY_NAMESPACE,
  externalIdentityId,
  MAX_PROVIDER_LENGTH,
  MAX_SUBJECT_LENGTH,
  normaliseLoginPart,
  sameLogin,
  validateExternalLogin,
  type ExternalLogin,
} from './login';
export {
  findSignInRows,
  listSignIns,
  signInState,
  type IdentityMatch,
  type SignInContact,
  type SignInState,
} from './identity-reads';
export { type LinkResult } from './identity-link';
export { type UnlinkOptions, type UnlinkResult, type UnlinkTarget } from './identity-unlink';
