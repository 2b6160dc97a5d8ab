/** Raised when a webhook body is not a Dataverse `RemoteExecutionContext`; `path` names the bad field. */
export class ExecutionContextFormatError extends Error {
  /**
   * @param path - where in the payload the problem is, e.g. `InputParameters[0].value.Attributes`.
   * @param problem - what is wrong there.
   */
  constructor(
    public readonly path: string,
    problem: string,
  ) {
    super(`Malformed Dataverse execution context at ${path || '(root)'}: ${problem}.`);
    this.name = 'ExecutionContextFormatError';
  }
}
