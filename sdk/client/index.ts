/**
 * The Dataverse Web API client: import everything client-related from here.
 */
export { DataverseClient } from './client';
export type { DataverseApi } from './api';
export { StaticTokenCredential } from './credentials/static-token';
export { ClientSecretCredential } from './credentials/client-secret';
export {
  ClientCertificateCredential,
  parseCertificatePem,
  type CertificateSource,
  type ParsedCertificate,
} from './credentials/client-certificate';
export { credentialFromEnv, clientFromEnv } from './credentials/from-env';
export {
  EMULATOR_URL,
  EMULATOR_TOKEN,
  TOKEN_VARIABLE,
  clientForUrl,
  credentialForUrl,
  ignoredEntraVariables,
} from './credentials/local-client';
export { ENTRA_VARIABLES, missingEntraVariables } from './credentials/entra-env';
export { isLoopbackHost, isLoopbackUrl, assertSecureUrl } from './url-security';
export {
  guid,
  literal,
  odataLiteral,
  ODataLiteral,
  type FunctionParameterValue,
  type ODataValue,
} from './query/literal';
export {
  filterText,
  type AllOfFilter,
  type AnyOfFilter,
  type ColumnComparison,
  type ColumnCondition,
  type FilterObject,
  type NotFilter,
  type ODataFilter,
} from './query/filter';
export { expandText, type ExpandObject, type ExpandOptions, type ODataExpand } from './query/expand';
export { collectionUrl, queryString, type QueryStringExtras } from './query/query-string';
export { functionUrl } from './query/function-url';
export { encodeQueryValue } from './query/encode';
export { redact, redactText, REDACTED, type RedactOptions } from './redact';
export {
  ErrorCodes,
  type ErrorCode,
  DataverseError,
  ThrottledError,
  NotFoundError,
  ConcurrencyError,
  AuthenticationError,
  ConnectionError,
  sanitizedCause,
  type RedactedRequest,
} from './errors';
export { parseErrorBody } from './error-factory';
export { parseRetryAfter } from './retry-after';
export { MAX_PAGE_SIZE } from './headers';
export { MAX_BATCH_OPERATIONS, changeSetFailure } from './batch/batch-run';
export type { RecordRef } from './operations/relationships';
export * from './types';
