/**
 * Turns any failure into what the command line prints: a message saying what went wrong, a hint
 * saying what to do, and an exit code. Errors are told apart by their class and their stable `kind`
 * (and, for Dataverse, the HTTP status and Dataverse error code), never by their name or wording,
 * so rewording a message cannot change how the command line treats it.
 */
import { ErrorKind, PortalInvitationsError } from '../sdk/errors';
import { InvitationError, type InvitationErrorReason } from '../sdk/invitations/index';
import { SOLUTION_ZIP_HINT } from '../sdk/solutions/errors';
import {
  SUPPORTED_PLACEHOLDERS,
  WorkflowDefinitionError,
  WorkflowPatchError,
  XamlError,
} from '../sdk/workflows/index';
import { describeDataverseError } from './dataverse-error-report';
import { CliError, ExitCode } from './errors';

/** What to print and which code to exit with. */
export interface ErrorReport {
  /** What went wrong (printed after `error: `). */
  message: string;
  /** What to do about it, on its own line. */
  hint?: string;
  /** 1 for a failure, 2 for a usage mistake. */
  exitCode: ExitCode;
  /** The error's stable kind (an `ErrorKind`, or a Node.js error code such as `ENOENT`), for `--json`. */
  kind?: string;
  /** Structured detail for `--json` (already redacted by the SDK). */
  details?: Record<string, unknown>;
}

/** What the command knew when it failed, so a hint can fit the environment it talked to. */
export interface ReportContext {
  /** The environment URL the command was pointed at, when known. */
  url?: string;
}

type Describe = (error: PortalInvitationsError, context: ReportContext) => ErrorReport;

/** Turns any thrown value into an {@link ErrorReport}. */
export function describeError(error: unknown, context: ReportContext = {}): ErrorReport {
  if (error instanceof PortalInvitationsError) {
    // A file named on the command line that cannot be read is a file problem (exit 1), whichever
    // argument of the SDK it was given as.
    const fileCode = error.kind === ErrorKind.InvalidArgument ? fileErrno(error.cause) : undefined;
    if (fileCode) return { ...fileReport(error.message), kind: error.kind, details: { errno: fileCode } };
    const report = (BY_KIND[error.kind] ?? plain)(error, context);
    return { ...report, kind: error.kind };
  }
  const code = fileErrno(error);
  if (code) return { ...fileReport((error as Error).message), kind: code };
  return { message: error instanceof Error ? error.message : String(error), exitCode: ExitCode.Failure };
}

function fileErrno(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && FILE_ERRNO.has(code) ? code : undefined;
}

function fileReport(message: string): ErrorReport {
  return { message, hint: 'Check the file path and its permissions.', exitCode: ExitCode.Failure };
}

/** Node.js error codes of a file that cannot be read or written. */
const FILE_ERRNO = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EROFS']);

function plain(error: PortalInvitationsError): ErrorReport {
  return { message: error.message, exitCode: ExitCode.Failure };
}

function command(error: PortalInvitationsError): ErrorReport {
  if (!(error instanceof CliError)) return plain(error);
  return { message: error.message, hint: error.hint, exitCode: error.exitCode };
}

/** What to do about each refusal of an invitation rule. */
const INVITATION_HINTS: Partial<Record<InvitationErrorReason, string>> = {
  not_found:
    'Check the code or id; `portal-invite invite list --json` shows the invitations with their codes.',
  inactive:
    'The invitation was revoked or is no longer active: create a new one with `portal-invite invite create`.',
  expired: 'Create a new invitation with a later --expires (e.g. 30d).',
  max_redemptions:
    'The invitation has been redeemed as often as it allows: create another, or a group invitation with a higher --max.',
  already_redeemed: 'A single invitation is redeemed once: create a new invitation for another redemption.',
  not_invited:
    'This invitation names another contact: redeem it as that contact, or create one for this contact.',
  identity_in_use:
    'Nothing was written. See who holds the sign-in with `portal-invite identities list --contact <id|email>`; if it is linked by mistake, `portal-invite identities unlink` it, then redeem again.',
  invalid: 'Nothing was written. Fix what the message names, then run the command again.',
};

function invitation(error: PortalInvitationsError): ErrorReport {
  if (!(error instanceof InvitationError)) return plain(error);
  return {
    message: error.message,
    hint: INVITATION_HINTS[error.reason],
    // Even 'invalid' is a refusal by the rules (it also covers a contact or role that was not found), not bad usage.
    exitCode: ExitCode.Failure,
    details: { reason: error.reason },
  };
}

function workflowDefinition(error: PortalInvitationsError): ErrorReport {
  if (!(error instanceof WorkflowDefinitionError)) return plain(error);
  return {
    message: error.message,
    hint: 'Pass --name with the exact name of the workflow, or import the solution first (`portal-invite solution pack` then `solution import`).',
    exitCode: ExitCode.Failure,
    details: { candidates: error.candidates.map((c) => ({ id: c.id, name: c.name })) },
  };
}

function workflowPatch(error: PortalInvitationsError): ErrorReport {
  if (!(error instanceof WorkflowPatchError)) return plain(error);
  const { step, rolledBack, backupFile } = error;
  const hint =
    (rolledBack
      ? 'Rolled back: the workflow has its original definition and state.'
      : 'NOT rolled back: restore it with `portal-invite workflow restore --backup <file>`.') +
    (backupFile ? ` Backup: ${backupFile}` : ' No backup was written.');
  // The SDK's message already names the step; --json carries it as a field too.
  return {
    message: error.message,
    hint,
    exitCode: ExitCode.Failure,
    details: { step, rolledBack, backupFile },
  };
}

function xaml(error: PortalInvitationsError): ErrorReport {
  if (error instanceof XamlError && error.problem === 'template') {
    return {
      message: error.message,
      hint: `Nothing was changed. Fix the subject or body. Supported placeholders: ${SUPPORTED_PLACEHOLDERS}.`,
      exitCode: ExitCode.Usage,
      details: { problem: error.problem },
    };
  }
  return {
    message: error.message,
    hint: 'Nothing was changed. Check that the workflow has a Create Email or Send Email step.',
    exitCode: ExitCode.Failure,
    details: { problem: 'definition' },
  };
}

const withHint =
  (hint: string, exitCode: ExitCode = ExitCode.Failure): Describe =>
  (error) => ({ message: error.message, hint, exitCode });

/** One entry per kind of the error root: a new kind does not compile until it is mapped here. */
const BY_KIND: Record<ErrorKind, Describe> = {
  [ErrorKind.Dataverse]: describeDataverseError,
  [ErrorKind.Throttled]: describeDataverseError,
  [ErrorKind.NotFound]: describeDataverseError,
  [ErrorKind.Concurrency]: describeDataverseError,
  [ErrorKind.Authentication]: describeDataverseError,
  [ErrorKind.Connection]: describeDataverseError,
  [ErrorKind.Invitation]: invitation,
  [ErrorKind.WorkflowDefinition]: workflowDefinition,
  [ErrorKind.WorkflowPatch]: workflowPatch,
  [ErrorKind.Xaml]: xaml,
  [ErrorKind.SolutionFile]: withHint(SOLUTION_ZIP_HINT),
  [ErrorKind.ExecutionContext]: withHint(
    'The body is not the RemoteExecutionContext Dataverse posts; check what sent it.',
  ),
  [ErrorKind.Plugin]: withHint('A step refused the operation and nothing was written; its message says why.'),
  [ErrorKind.PipelineLoop]: withHint(
    'Check the steps registered on this table and message: one probably triggers itself.',
  ),
  [ErrorKind.Configuration]: withHint(
    'Set what the message names; `portal-invite --help` lists the environment variables.',
  ),
  [ErrorKind.InvalidArgument]: withHint(
    'Nothing was sent. Check the values given; run the command with --help for what each option takes.',
    ExitCode.Usage,
  ),
  [ErrorKind.EmulatorStorage]: withHint(
    'Only the emulator needs it: every other portal-invite command works without it.',
  ),
  [ErrorKind.Usage]: command,
  [ErrorKind.Command]: command,
};
