/**
 * The Send Invitation system jobs of an invitation: the asyncoperation rows of a workflow run
 * (operationtype 10) regarding it whose process is a workflow named Send Invitation (a job may
 * name the definition or its activated copy; both carry the name). Two GETs, run together.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/asyncoperation
 */
import type { DataverseApi } from '../client/api';
import {
  AsyncOperationState,
  AsyncOperationStatus,
  AsyncOperationTable,
  AsyncOperationType,
  readDate,
  readNumber,
  readString,
  StandardColumns,
  WorkflowTable,
} from '../entities/index';
import type { SendJob } from './explain-types';
import { NO_CACHE, normalizeGuid, quote } from './odata';

const job = AsyncOperationTable;
const wf = WorkflowTable;

function outcomeOf(state: number | undefined, status: number | undefined): SendJob['outcome'] {
  if (state !== AsyncOperationState.Completed) return 'pending';
  if (status === AsyncOperationStatus.Succeeded) return 'succeeded';
  if (status === AsyncOperationStatus.Canceled) return 'canceled';
  return 'failed';
}

/** Which job counts as the later one when their times tie: one in flight, then one that worked. */
const RANK: Record<SendJob['outcome'], number> = { canceled: 0, failed: 1, succeeded: 2, pending: 3 };

/**
 * Newest first. `createdon` comes back to the second, so a resend right after a failed send can
 * tie with it: a job still running is then the later one, else the one completed later, else the
 * one that worked (as `send` decides).
 */
function newestFirst(
  a: { job: SendJob; completedOn: number },
  b: { job: SendJob; completedOn: number },
): number {
  const created = Date.parse(b.job.on ?? '') - Date.parse(a.job.on ?? '');
  if (created) return created;
  if (b.completedOn !== a.completedOn) return b.completedOn > a.completedOn ? 1 : -1;
  return RANK[b.job.outcome] - RANK[a.job.outcome];
}

/** The invitation's Send Invitation jobs, newest first. */
export async function readSendJobs(
  client: DataverseApi,
  invitationId: string,
  workflowName: string,
): Promise<SendJob[]> {
  const options = { headers: { ...NO_CACHE } };
  const workflowIds = new Set<string>();
  const jobs: SendJob[] = [];
  const activation = job.lookups.workflowActivation.valueField;
  const readWorkflows = async () => {
    for await (const row of client.list(
      wf.entitySet,
      {
        select: [wf.columns.id, wf.lookups.activeWorkflow.valueField],
        filter: `${wf.columns.name} eq ${quote(workflowName)}`,
      },
      options,
    )) {
      for (const id of [
        readString(row, wf.columns.id),
        readString(row, wf.lookups.activeWorkflow.valueField),
      ])
        if (id) workflowIds.add(normalizeGuid(id));
    }
  };
  const found: { job: SendJob; workflowId?: string; completedOn: number }[] = [];
  const readJobs = async () => {
    for await (const row of client.list(
      job.entitySet,
      {
        select: [
          job.columns.id,
          job.columns.state,
          job.columns.status,
          job.columns.message,
          job.columns.friendlyMessage,
          StandardColumns.createdOn,
          job.columns.completedOn,
          activation,
        ],
        filter: `${job.lookups.regardingInvitation.valueField} eq ${normalizeGuid(invitationId)} and ${job.columns.operationType} eq ${AsyncOperationType.Workflow}`,
        orderBy: `${StandardColumns.createdOn} desc`,
      },
      options,
    )) {
      const outcome = outcomeOf(readNumber(row, job.columns.state), readNumber(row, job.columns.status));
      const entry: SendJob = { id: normalizeGuid(readString(row, job.columns.id) ?? ''), outcome };
      const message = readString(row, job.columns.friendlyMessage) || readString(row, job.columns.message);
      if (outcome === 'failed' || outcome === 'canceled') if (message) entry.message = message;
      const on = readDate(row, StandardColumns.createdOn);
      if (on) entry.on = on.toISOString();
      const workflowId = readString(row, activation);
      found.push({
        job: entry,
        workflowId: workflowId ? normalizeGuid(workflowId) : undefined,
        completedOn: readDate(row, job.columns.completedOn)?.getTime() ?? Number.POSITIVE_INFINITY,
      });
    }
  };
  await Promise.all([readWorkflows(), readJobs()]);
  found.sort(newestFirst);
  for (const { job: entry, workflowId } of found)
    if (workflowId && workflowIds.has(workflowId)) jobs.push(entry);
  return jobs;
}
