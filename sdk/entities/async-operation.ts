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
    startedOn: 'startedon',
    /** Logical name of the table the job works on. */
    primaryEntityType: 'primaryentitytype',
    data: 'data',
    errorCode: 'errorcode',
    correlationId: 'correlationid',
  },
  lookups: {
    regardingInvitation: lookup('regardingobjectid', 'regardingobjectid_adx_invitation', 'adx_invitation'),
    regardingContact: lookup('regardingobjectid', 'regardingobjectid_contact', 'contact'),
    regardingAccount: lookup('regardingobjectid', 'regardingobjectid_account', 'account'),
    regardingWorkflow: lookup('regardingobjectid', 'regardingobjectid_workflow', 'workflow'),
    /** The process a workflow job runs. */
    workflowActivation: lookup('workflowactivationid', 'workflowactivationid', 'workflow'),
    /** The step whose asynchronous run this job is. */
    owningExtension: lookup(
      'owningextensionid',
      'owningextensionid_sdkmessageprocessingstep',
      'sdkmessageprocessingstep',
    ),
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
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
