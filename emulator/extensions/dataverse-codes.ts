/**
 * Dataverse option values and error codes the emulator's extensions write or answer with.
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

/** workflow.type / statecode / statuscode values the actions check and write. */
export const WorkflowCodes = {
  typeDefinition: 1,
  stateDraft: 0,
  stateActivated: 1,
  statusDraft: 1,
  statusActivated: 2,
} as const;

/** email.statecode / statuscode: Open/Draft, and Completed/Sent for a sent message. */
export const EmailCodes = { stateOpen: 0, statusDraft: 1, stateCompleted: 1, statusSent: 3 } as const;

/** activityparty.participationtypemask for the e-mail party lists. */

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

/** Error codes the extensions answer with. */
export const ExtensionErrorCodes = {
  /** Record not found. */
  NotFound: '0x80040217',
  /** A plug-in (webhook) refused the operation. */
  IsvAborted: '0x80040265',
  /** Invalid argument / bad request body. */
  InvalidArgument: '0x80040203',
  /** The workflow cannot run: not a definition, not activated, or not for this table. */
  WorkflowNotRunnable: '0x80045003', // unverified: Dataverse's exact code for this case
  /** The solution file is not a valid solution zip. */
  InvalidSolutionFile: '0x80048033', // unverified
  /** ExportSolution names a solution that does not exist. */
  SolutionNotFound: '0x8004F004', // unverified
  /** Service protection: number of requests. */
  ThrottleRequests: '0x80072322',
  /** Service protection: combined execution time. */
  ThrottleExecutionTime: '0x80072321',
  /** Service protection: concurrent requests. */
  ThrottleConcurrency: '0x80072326',
} as const;
