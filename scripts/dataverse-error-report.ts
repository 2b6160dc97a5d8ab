/**
 * What the command line says about a failed Dataverse call: the class (from the HTTP status) and the
 * Dataverse error code pick the hint, and the environment the call went to shapes it, so a command
 * pointed at a real org is never told to start the local emulator.
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/web-service-error-codes
 */
import {
  AuthenticationError,
  ConcurrencyError,
  ConnectionError,
  DataverseError,
  ErrorCodes,
  NotFoundError,
  ThrottledError,
} from '../sdk/client/errors';
import { isLoopbackUrl } from '../sdk/client/url-security';
import type { PortalInvitationsError } from '../sdk/errors';
import { SOLUTION_ZIP_HINT } from '../sdk/solutions/errors';
import type { ErrorReport, ReportContext } from './error-report';
import { ExitCode } from './errors';

/** Where the failed call went: the request's own URL, else the URL the command was given. */
interface Target {
  origin?: string;
  /** True for 127.x.x.x, localhost and [::1]: the local emulator. */
  local?: boolean;
}

/** The report for a {@link DataverseError} (any other error of a Dataverse kind is shown as is). */
export function describeDataverseError(error: PortalInvitationsError, context: ReportContext): ErrorReport {
  if (!(error instanceof DataverseError)) return { message: error.message, exitCode: ExitCode.Failure };
  const details: Record<string, unknown> = {
    status: error.status,
    code: error.code,
    requestId: error.requestId,
  };
  if (error instanceof ConnectionError) {
    // No request means the failure came before Dataverse was called: getting a token from Entra ID.
    const signIn = error.request === undefined && !isLocal(context.url);
    return {
      message: signIn ? `Signing in failed: ${error.message}` : `Dataverse request failed: ${error.message}`,
      hint: signIn ? SIGN_IN_OFFLINE_HINT : connectionHint(targetOf(error, context)),
      exitCode: ExitCode.Failure,
      details,
    };
  }
  const prefix = error.code ? `Dataverse error ${error.code}` : 'Dataverse request failed';
  return {
    message: `${prefix}${error.status ? ` (HTTP ${error.status})` : ''}: ${error.message}`,
    hint: hintFor(error, targetOf(error, context)),
    exitCode: ExitCode.Failure,
    details,
  };
}

function targetOf(error: DataverseError, context: ReportContext): Target {
  for (const url of [error.request?.url, context.url]) {
    if (!url) continue;
    try {
      return { origin: new URL(url).origin, local: isLoopbackUrl(url) };
    } catch {
      // Not an absolute URL (a relative path in a batch part): try the next one.
    }
  }
  return {};
}

const SIGN_IN_OFFLINE_HINT =
  'The sign-in service did not answer: check the network connection and any proxy (HTTPS_PROXY), and AZURE_AUTHORITY_HOST if you set it, then run again. Nothing was sent to Dataverse.';

function isLocal(url: string | undefined): boolean {
  try {
    return url !== undefined && isLoopbackUrl(url);
  } catch {
    return false;
  }
}

function connectionHint(target: Target): string {
  if (target.local) {
    return `Nothing answers at ${target.origin}. Start the local emulator first (\`npm start\` or \`portal-invite emulator\`), or pass --url with the environment to use.`;
  }
  if (target.origin) {
    return `No answer from ${target.origin}. Check the URL (--url or DATAVERSE_URL, e.g. https://<org>.crm.dynamics.com), your network and any proxy, then run again.`;
  }
  return 'The server did not answer. Check --url / DATAVERSE_URL and the network, then run again.';
}

/** The hint for an answer Dataverse gave, by error code first, then by class. */
function hintFor(error: DataverseError, target: Target): string | undefined {
  switch (error.code) {
    case ErrorCodes.PublishedWorkflowUpdate:
      return 'The workflow is activated: run `portal-invite workflow deactivate` first, or use `workflow patch-template`, which does it for you.';
    case ErrorCodes.WorkflowNotRunnable:
      return 'Activate the workflow first: `portal-invite workflow activate` (add --name for another one).';
    case ErrorCodes.IsvAborted:
      return 'A plug-in in the environment refused the operation and nothing was written; its message says why.';
    case ErrorCodes.InvalidSolutionFile:
      return SOLUTION_ZIP_HINT;
    case ErrorCodes.SolutionNotFound:
      return "Check --name: it is the solution's unique name, not its display name.";
    case ErrorCodes.CallerNotFound:
      return 'The user to act as does not exist in this environment or may not be impersonated.';
  }
  if (error instanceof AuthenticationError) return authenticationHint(error, target);
  if (error instanceof NotFoundError) {
    return error.code === ErrorCodes.NotFound
      ? 'Check the id or name you gave; list records with the matching `list` or `show` command.'
      : 'The environment does not know this table, column or operation: check that --url points at an environment with the portal (Power Pages) tables installed.';
  }
  if (error instanceof ThrottledError) {
    const wait = error.retryAfterMs ? `wait ${Math.ceil(error.retryAfterMs / 1000)} s` : 'wait a minute';
    return `The environment is throttling requests: ${wait} and run again (bulk jobs continue with --resume).`;
  }
  if (error instanceof ConcurrencyError) {
    return error.isDuplicate
      ? 'A row with this key already exists (an invitation code must be unique): use another value, or look the row up instead.'
      : 'The row changed while the command ran: run it again.';
  }
  if (error.status >= 500) {
    return `Dataverse failed to process the request: run again later${error.requestId ? `; quote request id ${error.requestId} to Microsoft support if it persists` : ''}.`;
  }
  return undefined;
}

function authenticationHint(error: AuthenticationError, target: Target): string {
  if (error.status === 403) {
    return 'The caller lacks privileges: give the application user a security role that can read and write invitations, contacts, web roles and workflows in this environment.';
  }
  if (target.local) {
    return 'The emulator refused the token: it was started with --token, so set DATAVERSE_TOKEN to that token.';
  }
  return 'The credentials were refused. Check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), that the application user exists in this environment, and that a DATAVERSE_TOKEN you set has not expired.';
}
