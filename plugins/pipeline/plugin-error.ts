/**
 * Errors a step raises on purpose. Their message is meant for the person who made the request:
 * Dataverse shows a plug-in's own message (error code IsvAborted) and rolls the operation back.
 */
import { ErrorCodes } from '../../sdk/client/errors';
import { ErrorKind, PortalInvitationsError } from '../../sdk/errors';

/** A step refused the operation; `message` is shown to the user as is. */
export class PluginError extends PortalInvitationsError {
  /** The Dataverse error code for a refusal by custom logic (IsvAborted). */
  readonly code = ErrorCodes.IsvAborted;

  /**
   * @param message - what the user did wrong and what to do instead; no internals, no secrets.
   */
  constructor(message: string, options?: { cause?: unknown; kind?: ErrorKind }) {
    super(options?.kind ?? ErrorKind.Plugin, message, options);
  }
}

/** Raised when an operation is nested deeper than Dataverse allows, which means steps trigger each other in a loop. */
export class PipelineLoopError extends PluginError {
  constructor(
    readonly depth: number,
    readonly maxDepth: number,
  ) {
    super(
      `This operation was stopped because it is nested ${depth} levels deep (at most ${maxDepth} allowed): ` +
        'a step is probably triggering itself in a loop. Check the steps registered on this table and message.',
      { kind: ErrorKind.PipelineLoop },
    );
  }
}
