/**
 * Turning an msal-node failure into the client's error classes: an authority that could not be
 * reached is a ConnectionError (status 0, worth another try), a refusal by Entra ID is an
 * AuthenticationError (401). Messages pass through redactText.
 */
import { AuthenticationError, ConnectionError, type DataverseError } from '../errors';
import { redactText } from '../redact';

// msal-node reports a failed fetch (DNS, refused, reset, its own timeout) as errorCode
// `network_error`; the socket error's code survives only in a cause or in the message text.
const NETWORK_ERROR_CODE = 'network_error';
const SOCKET_CODES =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT|UND_ERR_SOCKET)\b/;
// Neither the metadata of a non-public authority could be read: unreachable, or not an authority.
const ENDPOINTS_RESOLUTION_CODE = 'endpoints_resolution_error';

/** The `errorCode` of an msal AuthError (`invalid_client`, `network_error`, …), if any. */
function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { errorCode?: unknown } | null | undefined)?.errorCode;
  return typeof code === 'string' ? code : undefined;
}

/** True when the error, or an error in its cause chain, is a failure to reach the host. */
export function isNetworkFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (errorCodeOf(current) === NETWORK_ERROR_CODE) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && SOCKET_CODES.test(code)) return true;
    if (current instanceof Error && SOCKET_CODES.test(current.message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The host of an authority URL, for messages (`login.microsoftonline.com`). */
function hostOf(authorityHost: string): string {
  try {
    return new URL(authorityHost).host;
  } catch {
    return authorityHost;
  }
}

/**
 * The error for a failed token request to `authorityHost` for `scopes`: a ConnectionError (status
 * 0) when the authority could not be reached, otherwise an AuthenticationError (status 401).
 */
export function msalFailure(error: unknown, scopes: string[], authorityHost: string): DataverseError {
  const reason = error instanceof Error ? redactText(error.message) : 'unknown error';
  const cause = error instanceof Error ? new Error(reason) : undefined;
  const host = hostOf(authorityHost);
  const what = `Getting a token for ${scopes.join(' ')} from ${host} failed: ${reason}.`;
  if (isNetworkFailure(error)) {
    return new ConnectionError(
      `Could not reach the Entra ID authority ${host} to get a token for ${scopes.join(' ')}: ${reason}. Check the network connection, the proxy settings and AZURE_AUTHORITY_HOST, then try again.`,
      { status: 0, code: errorCodeOf(error), cause },
    );
  }
  if (errorCodeOf(error) === ENDPOINTS_RESOLUTION_CODE) {
    return new AuthenticationError(
      `${what} Its endpoints could not be read: check AZURE_AUTHORITY_HOST and the tenant id, and that ${host} is reachable from here (network, proxy).`,
      { status: 401, code: ENDPOINTS_RESOLUTION_CODE, cause },
    );
  }
  return new AuthenticationError(
    `${what} Check the tenant id, client id and secret or certificate, and that the app registration exists in that tenant.`,
    { status: 401, code: errorCodeOf(error), cause },
  );
}
