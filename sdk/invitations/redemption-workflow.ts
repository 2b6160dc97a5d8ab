/**
 * The redemption workflow, started once per redemption. ExecuteWorkflow has no idempotency key, so
 * the claim's journal says how far it got: a job id recorded means it runs; "starting after T"
 * without a job id means a holder sent (or was about to send) ExecuteWorkflow and died before the
 * answer was recorded. Then the job, if it exists, is found among the system jobs of the workflow on
 * the contact created between T and T + 2 leases (server time), and adopted instead of started again.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/executeworkflow
 */
import type { DataverseApi } from '../client/api';
import type { WebApiRecord } from '../client/types';
import {
  AsyncOperationTable,
  AsyncOperationType,
  executeWorkflowBody,
  executeWorkflowJobId,
  MessageName,
  readLookupId,
  readString,
  StandardColumns,
  WorkflowTable,
} from '../entities/index';
import { isStatus, NO_CACHE, normalizeGuid, queryAll } from './odata';

const job = AsyncOperationTable;
/** Server clocks and the seconds precision of `modifiedon` allow a job stamped slightly before the mark. */
const CLOCK_MARGIN_MS = 5_000;

/** Where to look for a job a dead holder may have started. */
export interface WorkflowJobSearch {
  /** The redemption workflow (definition) id. */
  workflowId: string;
  /** The contact it runs on. */
  contactId: string;
  /** The journal's "starting after" time (server time). */
  after: Date;
  /** The claim's lease; a job created later than two leases after the mark is not the holder's. */
  leaseMs: number;
}

/**
 * The ids a workflow's jobs may name in `workflowactivationid`: the definition, and its activated
 * copy (which Dataverse may run in its place).
 */
async function workflowIds(client: DataverseApi, workflowId: string): Promise<Set<string>> {
  const ids = new Set([normalizeGuid(workflowId)]);
  try {
    const row = await client.retrieve<WebApiRecord>(WorkflowTable.entitySet, workflowId, {
      select: [WorkflowTable.lookups.activeWorkflow.valueField],
    });
    const active = readLookupId(row, WorkflowTable.lookups.activeWorkflow);
    if (active) ids.add(normalizeGuid(active));
  } catch (error) {
    // A deleted definition cannot be started either; its jobs still name its id.
    if (!isStatus(error, 404)) throw error;
  }
  return ids;
}

/** The id of a job of the workflow on the contact created in the search window, or undefined. */
export async function findWorkflowJob(
  client: DataverseApi,
  search: WorkflowJobSearch,
): Promise<string | undefined> {
  const from = new Date(search.after.getTime() - CLOCK_MARGIN_MS).toISOString();
  const to = new Date(search.after.getTime() + 2 * search.leaseMs + CLOCK_MARGIN_MS).toISOString();
  const contactId = normalizeGuid(search.contactId);
  const [ids, jobs] = await Promise.all([
    workflowIds(client, search.workflowId),
    queryAll(client, job.entitySet, {
      select: [job.columns.id, job.lookups.workflowActivation.valueField],
      filter:
        `${job.lookups.regardingContact.valueField} eq ${contactId}` +
        ` and ${job.columns.operationType} eq ${AsyncOperationType.Workflow}` +
        ` and ${StandardColumns.createdOn} ge ${from} and ${StandardColumns.createdOn} le ${to}`,
      headers: { ...NO_CACHE },
    }),
  ]);
  const found = jobs.find((row) => {
    const activation = readLookupId(row, job.lookups.workflowActivation);
    return activation !== undefined && ids.has(normalizeGuid(activation));
  });
  const id = found && readString(found, job.columns.id);
  return id ? normalizeGuid(id) : undefined;
}

/** Runs the workflow on the contact (ExecuteWorkflow); resolves with the system job id when answered. */
export async function startWorkflow(
  client: DataverseApi,
  workflowId: string,
  contactId: string,
): Promise<string | undefined> {
  const answer = await client.callAction<WebApiRecord | undefined>(
    MessageName.ExecuteWorkflow,
    executeWorkflowBody(contactId),
    { boundTo: { entitySet: WorkflowTable.entitySet, id: workflowId } },
  );
  const id = executeWorkflowJobId(answer);
  return id ? normalizeGuid(id) : undefined;
}
