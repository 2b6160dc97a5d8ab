/**
 * The root of every error this package throws. Each error has a stable `kind` that programs (and the
 * `portal-invite` command line) switch on; classes add what that kind carries (an HTTP status and a
 * Dataverse code, an invitation's refusal reason, a template mistake's detail...). Messages say what
 * happened and what to do; they are for people and may change between versions, kinds do not.
 */

/** Stable identifiers of the kinds of error, one per class of the hierarchy. */
export const ErrorKind = {
  /** A Dataverse Web API call failed (the base of the transport errors). */
  Dataverse: 'dataverse',
  /** 429: service protection limits. */
  Throttled: 'throttled',
  /** 404: the row, table or operation does not exist. */
  NotFound: 'not_found',
  /** 412: the row changed since it was read, or the key already exists. */
  Concurrency: 'concurrency',
  /** 401/403: the token was refused or the caller lacks privileges. */
  Authentication: 'authentication',
  /** No response arrived. */
  Connection: 'connection',
  /** An invitation rule refused the operation (`reason` says which). */
  Invitation: 'invitation',
  /** The named workflow definition is missing or ambiguous. */
  WorkflowDefinition: 'workflow_definition',
  /** A template patch or restore failed after something was written. */
  WorkflowPatch: 'workflow_patch',
  /** A workflow definition (XAML) or an e-mail template cannot be read or changed. */
  Xaml: 'xaml',
  /** A solution zip or source folder cannot be read or written. */
  SolutionFile: 'solution_file',
  /** A webhook body is not a Dataverse RemoteExecutionContext. */
  ExecutionContext: 'execution_context',
  /** A plug-in step refused the operation; its message is for the user. */
  Plugin: 'plugin',
  /** Steps trigger each other in a loop (Depth above the limit). */
  PipelineLoop: 'pipeline_loop',
  /** Settings or credentials are missing or wrong (environment variables, options, files). */
  Configuration: 'configuration',
  /** A value handed to a function is not one it accepts (an id that is not a GUID, a bad date...). */
  InvalidArgument: 'invalid_argument',
  /** The emulator's storage engine (better-sqlite3) is not installed or cannot load. */
  EmulatorStorage: 'emulator_storage',
  /** The command line was used wrongly (exit code 2). */
  Usage: 'usage',
  /** A command failed for a reason it explains itself. */
  Command: 'command',
} as const;

/** One of {@link ErrorKind}'s values. */
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** Raised by this package; `kind` says what kind of failure it is. */
export class PortalInvitationsError extends Error {
  /** What kind of failure this is; stable across versions. */
  readonly kind: ErrorKind;

  /**
   * @param kind - what kind of failure this is
   * @param message - what happened and what to do about it
   */
  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.kind = kind;
  }
}

/** Raised when settings or credentials are missing or wrong; the message names each one and the fix. */
export class ConfigurationError extends PortalInvitationsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorKind.Configuration, message, options);
  }
}

/** Raised when a function is given a value it cannot accept; nothing was sent or written. */
export class InvalidArgumentError extends PortalInvitationsError {
  /**
   * @param argument - the parameter or option at fault, e.g. `contactId`
   * @param message - what is wrong with it and what a good value looks like
   */
  constructor(
    readonly argument: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(ErrorKind.InvalidArgument, message, options);
  }
}

/** Whether `error` was thrown by this package (of any kind, or of the given one). */
export function isPortalInvitationsError(error: unknown, kind?: ErrorKind): error is PortalInvitationsError {
  return error instanceof PortalInvitationsError && (kind === undefined || error.kind === kind);
}
