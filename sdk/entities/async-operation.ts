/**
 * asyncoperation: a system job, e.g. an asynchronous step's run, a workflow started by
 * ExecuteWorkflow or a solution import started by ImportSolutionAsync.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/asyncoperation
 */
import { lookup, type TableDefinition } from './table';

/** asyncoperation's names. */
export const AsyncOperationTable = {
  logicalName: 'asyncoperation',
  entitySet: 'asyncoperations',
  primaryId: 'asyncoperationid',
  primaryName: 'name',
  columns: {
    id: 'asyncoperationid',
    name: 'name',
    operationType: 'operationtype',
    state: 'statecode',
    status: 'statuscode',
    message: 'message',
    friendlyMessage: 'friendlymessage',
    completedOn: 'completedon',
  },
  lookups: {
    /** The record the job works on (polymorphic; the invitation for a Send Invitation run). */
    regarding: lookup('regardingobjectid', 'regardingobjectid_adx_invitation', 'adx_invitation'),
    /**
     * The workflow that runs. In Dataverse this is the activation record (type 2) of the definition,
     * not the definition itself; match jobs by their `name` too (see UNVERIFIED_FACTS).
     */
    workflowActivation: lookup('workflowactivationid', 'workflowactivationid', 'workflow'),
  },
  relationships: {},
} as const satisfies TableDefinition;

/** asyncoperation.statecode. */
export enum AsyncOperationState {
  Ready = 0,
  Suspended = 1,
  Locked = 2,
  /** Finished; statuscode says how. */
  Completed = 3,
}

/** asyncoperation.statuscode. */
export enum AsyncOperationStatus {
  WaitingForResources = 0,
  Waiting = 10,
  InProgress = 20,
  Pausing = 21,
  Canceling = 22,
  Succeeded = 30,
  Failed = 31,
  Canceled = 32,
}

/** asyncoperation.operationtype values this package meets. */
export enum AsyncOperationType {
  SystemEvent = 1,
  Workflow = 10,
  ExecuteAsyncRequest = 54,
}
