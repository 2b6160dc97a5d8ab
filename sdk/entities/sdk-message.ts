/**
 * sdkmessage and sdkmessagefilter: the messages Dataverse knows (Create, Update, ...) and, for each
 * message, the tables it can run on. A step is registered against one message and one filter.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/sdkmessagefilter
 */
import type { WebApiRecord } from '../client/types';
import { AsyncOperationTable } from './async-operation';
import { lookup, type TableDefinition } from './table';

/** sdkmessage's names. Rows are the platform's; they are only read. */
export const SdkMessageTable = {
  logicalName: 'sdkmessage',
  entitySet: 'sdkmessages',
  primaryId: 'sdkmessageid',
  primaryName: 'name',
  columns: {
    id: 'sdkmessageid',
    name: 'name',
  },
  lookups: {},
  relationships: {},
} as const satisfies TableDefinition;

/** sdkmessagefilter's names. Rows are the platform's; they are only read. */
export const SdkMessageFilterTable = {
  logicalName: 'sdkmessagefilter',
  entitySet: 'sdkmessagefilters',
  primaryId: 'sdkmessagefilterid',
  primaryName: 'name',
  columns: {
    id: 'sdkmessagefilterid',
    name: 'name',
    /** Logical name of the table the message runs on. */
    primaryObjectTypeCode: 'primaryobjecttypecode',
    secondaryObjectTypeCode: 'secondaryobjecttypecode',
    customProcessingStepAllowed: 'iscustomprocessingstepallowed',
  },
  lookups: {
    message: lookup('sdkmessageid', 'sdkmessageid', 'sdkmessage'),
  },
  relationships: {},
} as const satisfies TableDefinition;

/**
 * Names of the Dataverse messages this package registers steps on or calls, as they appear in
 * sdkmessage.name, in a step's `message` and in the execution context's `MessageName`.
 */
export const MessageName = {
  Create: 'Create',
  Update: 'Update',
  Delete: 'Delete',
  /** Links rows through an N:N relationship. */
  Associate: 'Associate',
  /** Removes N:N links. */
  Disassociate: 'Disassociate',
  /**
   * Runs an on-demand classic workflow on a row: the workflow-bound action
   * `workflows(<id>)/Microsoft.Dynamics.CRM.ExecuteWorkflow` with `{ EntityId }`, answering the
   * system job's `Id` (see {@link ExecuteWorkflowNames}).
   */
  ExecuteWorkflow: 'ExecuteWorkflow',
} as const;

/** Names of the parameters and response properties of ExecuteWorkflow. */
export const ExecuteWorkflowNames = {
  /** The row the workflow runs on. */
  entityId: 'EntityId',
  /** The system job (asyncoperation) id in the response. */
  responseId: 'Id',
} as const;

/** The body of ExecuteWorkflow: run the workflow on this row. */
export function executeWorkflowBody(entityId: string): { [ExecuteWorkflowNames.entityId]: string } {
  return { [ExecuteWorkflowNames.entityId]: entityId };
}

/**
 * The system job (asyncoperation) id of an ExecuteWorkflow answer: its `Id`, or `asyncoperationid`
 * where a server answers with the job row; undefined when it carries neither.
 */
export function executeWorkflowJobId(response: WebApiRecord | undefined): string | undefined {
  const id = response?.[ExecuteWorkflowNames.responseId] ?? response?.[AsyncOperationTable.primaryId];
  return typeof id === 'string' ? id : undefined;
}
