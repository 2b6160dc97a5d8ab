/**
 * The command line's own errors and exit codes. A command throws {@link UsageError} when the command
 * line is wrong and {@link CliError} when it failed for a reason it explains itself; both are part of
 * the package's one error root (`PortalInvitationsError`), with the kinds `usage` and `command`.
 * How any error becomes a message, a hint and an exit code is `describeError` (error-report.ts).
 */
import { ErrorKind, PortalInvitationsError } from '../sdk/errors';

/**
 * Process exit codes: 0 ok, 1 the operation failed, 2 the command line was wrong; 129, 130 and 143
 * the command stopped on SIGHUP, SIGINT (Ctrl+C) or SIGTERM (128 + the signal number).
 */
export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  HangUp: 129,
  Interrupted: 130,
  Terminated: 143,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Options of {@link CliError} and {@link UsageError}. */
export interface CliErrorOptions {
  /** The error that led to this one (kept for `--verbose`). */
  cause?: unknown;
}

/** Raised when a command fails for a reason it understands: its message is shown as is, with a hint. */
export class CliError extends PortalInvitationsError {
  /**
   * @param message - what went wrong, for the user
   * @param hint - what to do about it (shown on its own line)
   */
  constructor(
    message: string,
    readonly hint?: string,
    options?: CliErrorOptions,
  ) {
    super(ErrorKind.Command, message, options);
  }

  /** The code the process exits with: {@link ExitCode.Usage} for a usage error, else {@link ExitCode.Failure}. */
  get exitCode(): ExitCode {
    return this.kind === ErrorKind.Usage ? ExitCode.Usage : ExitCode.Failure;
  }
}

/** Raised when the command line itself is wrong (a bad option value, a missing argument): exit 2. */
export class UsageError extends CliError {
  override readonly kind: ErrorKind = ErrorKind.Usage;

  /**
   * @param message - what is wrong with the command line
   * @param hint - what to give instead; defaults to pointing at the command's help
   */
  constructor(
    message: string,
    hint = 'Run the command with --help for its options and examples.',
    options?: CliErrorOptions,
  ) {
    super(message, hint, options);
  }
}
