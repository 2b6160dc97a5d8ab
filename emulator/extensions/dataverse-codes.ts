/**
 * Dataverse option values and error codes the emulator's extensions write or answer with, for the
 * tables sdk/entities does not model (asyncoperation, serviceendpoint, sdkmessageprocessingstep).
 * Kept in one place so a wrong value is corrected once. Sources: the Dataverse table reference
 * (asyncoperation, email, activityparty, serviceendpoint, sdkmessageprocessingstep) and
 * docs/DATAVERSE-REFERENCE.md.
 */

/** asyncoperation.statecode */
export const AsyncOperationState = { Ready: 0, Suspended: 1, Locked: 2, Completed: 3 } as const;

/** asyncoperation.statuscode */
export const AsyncOperationStatus = {
  WaitingForResources: 0,
  Waiting: 10,
  InProgress: 20,
  Succeeded: 30,
  Failed: 31,
  Canceled: 32,
} as const;

/** asyncoperation.operationtype */
export const AsyncOperationType = { SystemEvent: 1, Workflow: 10, ExecuteAsyncRequest: 54 } as const;

/** serviceendpoint.contract and authtype values for webhooks. */
export const ServiceEndpointCodes = {
  contractWebhook: 8,
  authWebhookKey: 4,
  authHttpHeader: 5,
  authHttpQueryString: 6,
} as const;

/** sdkmessageprocessingstep values: modes, enabled state, and image types. */
export const StepCodes = {
  modeSync: 0,
  modeAsync: 1,
  stateEnabled: 0,
  stagePostOperation: 40,
  imagePre: 0,
  imagePost: 1,
  imageBoth: 2,
} as const;

/**
 * Error codes the extensions answer with that neither sdk/client/errors nor emulator/errors define.
 * The common ones (not found, IsvAborted, throttling) come from `ErrorCodes` in sdk/client/errors.
 */
export const ExtensionErrorCodes = {
  /** The workflow cannot run: not a definition, or not activated. */
  WorkflowNotRunnable: '0x80045003', // unverified: Dataverse's exact code for this case
  /** The solution file is not a valid solution zip. */
  InvalidSolutionFile: '0x80048033', // unverified
  /** ExportSolution names a solution that does not exist. */
  SolutionNotFound: '0x8004F004', // unverified
} as const;
