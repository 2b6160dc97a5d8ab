/**
 * Exit codes and error reporting for the `portal-invite` command line: one place that turns any
 * failure into a message saying what went wrong and what to do, without a stack trace unless
 * `--verbose` was given.
 */
import { DataverseError, AuthenticationError, ConnectionError, NotFoundError } from '../sdk/client/errors';
import { SUPPORTED_PLACEHOLDERS } from '../sdk/workflows/index';

/** Process exit codes: 0 ok, 1 the operation failed, 2 the command line was wrong. */
export const ExitCode = { Ok: 0, Failure: 1, Usage: 2 } as const;

/** A failure the command already understands: its message is shown as is, with an optional hint. */
export class CliError extends Error {
  /**
   * @param message what went wrong, for the user
   * @param hint what to do about it (shown on its own line)
   * @param exitCode defaults to 1 (failure)
   */
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = ExitCode.Failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Raised when the command line itself is wrong (a bad option value, a missing argument): exit 2. */
export class UsageError extends CliError {
  /** @param hint defaults to pointing at the command's help */
  constructor(message: string, hint = 'Run the command with --help for its options and examples.') {
    super(message, hint, ExitCode.Usage);
    this.name = 'UsageError';
  }
}

/** What to print and which code to exit with. */
export interface ErrorReport {
  message: string;
  hint?: string;
  exitCode: number;
  /** Structured detail for `--json` (already redacted by the client). */
  details?: Record<string, unknown>;
}

/** Turns any thrown value into an {@link ErrorReport}. */
export function describeError(error: unknown): ErrorReport {
  if (error instanceof CliError) {
    return { message: error.message, hint: error.hint, exitCode: error.exitCode };
  }
  if (error instanceof DataverseError) return describeDataverseError(error);
  if (error instanceof Error) {
    const reason = (error as { reason?: unknown }).reason;
    const backupFile = (error as { backupFile?: unknown }).backupFile;
    if (error.name === 'InvitationError' && typeof reason === 'string') {
      return { message: error.message, exitCode: ExitCode.Failure, details: { reason } };
    }
    if (error.name === 'WorkflowPatchError') {
      const rolledBack = (error as { rolledBack?: boolean }).rolledBack === true;
      const step = (error as { step?: string }).step;
      const backup = typeof backupFile === 'string' ? backupFile : undefined;
      const hint =
        (rolledBack
          ? 'Rolled back: the workflow has its original definition and state.'
          : 'NOT rolled back: restore it with `portal-invite workflow restore --backup <file>`.') +
        (backup ? ` Backup: ${backup}` : ' No backup was written.');
      const message =
        step && !error.message.includes(step) ? `${error.message} (step: ${step})` : error.message;
      return { message, hint, exitCode: ExitCode.Failure, details: { step, rolledBack, backupFile: backup } };
    }
    if (error.name === 'XamlError') return describeXamlError(error);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      return {
        message: error.message,
        hint: 'Check the file path and its permissions.',
        exitCode: ExitCode.Failure,
      };
    }
    return { message: error.message, exitCode: ExitCode.Failure };
  }
  return { message: String(error), exitCode: ExitCode.Failure };
}

/** A template mistake (placeholder, redeem URL) is bad usage; anything else is about the workflow. */
function describeXamlError(error: Error): ErrorReport {
  if (/placeholder|\{redeem(Url|Link)\}|redeem URL/i.test(error.message)) {
    return {
      message: error.message,
      hint: `Nothing was changed. Fix the subject or body. Supported placeholders: ${SUPPORTED_PLACEHOLDERS}.`,
      exitCode: ExitCode.Usage,
    };
  }
  return {
    message: error.message,
    hint: 'Nothing was changed. Check that the workflow has a Create Email or Send Email step.',
    exitCode: ExitCode.Failure,
  };
}

function describeDataverseError(error: DataverseError): ErrorReport {
  const details: Record<string, unknown> = {
    status: error.status,
    code: error.code,
    requestId: error.requestId,
  };
  const prefix = error.code ? `Dataverse error ${error.code}` : `Dataverse request failed`;
  const message = `${prefix}${error.status ? ` (HTTP ${error.status})` : ''}: ${error.message}`;
  let hint: string | undefined;
  if (error instanceof ConnectionError) {
    hint =
      'The server did not answer. Check --url / DATAVERSE_URL; for the local emulator run `portal-invite emulator` or `npm start` first.';
  } else if (error instanceof AuthenticationError) {
    hint =
      'The credentials were refused. Check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or the certificate variables) and that the application user exists in the environment.';
  } else if (error instanceof NotFoundError) {
    hint = 'Check the id or name you gave; list records with the matching `list` or `show` command.';
  } else if (error.status === 429) {
    hint =
      'The environment is throttling requests; wait a minute and run again (bulk jobs can use --resume).';
  }
  return { message, hint, exitCode: ExitCode.Failure, details };
}
