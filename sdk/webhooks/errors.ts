import { ErrorKind, PortalInvitationsError } from '../errors';

/** Raised when a webhook body is not a Dataverse `RemoteExecutionContext`; `path` names the bad field. */
export class ExecutionContextFormatError extends PortalInvitationsError {
  /**
   * @param path - where in the payload the problem is, e.g. `InputParameters[0].value.Attributes`.
   * @param problem - what is wrong there.
   */
  constructor(
    public readonly path: string,
    problem: string,
  ) {
    super(
      ErrorKind.ExecutionContext,
      `Malformed Dataverse execution context at ${path || '(root)'}: ${problem}.`,
    );
  }
}
