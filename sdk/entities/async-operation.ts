/**
 * asyncoperation: a system job, e.g. an asynchronous step's run, a workflow started by
 * ExecuteWorkflow or a solution import started by ImportSolutionAsync.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/asyncoperation
 */
import type { TableDefinition } from './table';

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
  lookups: {},
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
