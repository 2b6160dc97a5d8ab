/**
 * What Dataverse already knows about sending an invitation: the system jobs (asyncoperation rows)
 * of the Send Invitation workflow regarding it. A job that is queued or running will e-mail the
 * invitee; one that succeeded has. Either way, starting another would send a second e-mail, and
 * this is known from Dataverse itself, whatever a local file says after a crash.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/asyncoperation
 */
import type { DataverseApi } from '../client/api';
import {
  AsyncOperationState,
  AsyncOperationStatus,
  AsyncOperationTable,
  AsyncOperationType,
} from '../entities/async-operation';
import { readNumber, readString } from '../entities/web-api-values';
import { normalizeGuid, queryAnyOf } from './odata';

/** How far the send of one invitation got, from its Send Invitation jobs. */
export type SendJobState = 'none' | 'pending' | 'succeeded' | 'failed';

/** The Send Invitation jobs of one invitation, summarised. */
export interface SendJobSummary {
  state: SendJobState;
  /** The job that decided the state (the pending or succeeded one), for messages. */
  jobId?: string;
}

const { columns: c, lookups: l } = AsyncOperationTable;

/**
 * The Send Invitation jobs regarding each invitation, as one query (or one `$batch` for many ids).
 * A job belongs to the workflow when its activation is the definition (the emulator) or when it
 * carries the workflow's name (Dataverse names a workflow's system job after the workflow and
 * points `workflowactivationid` at the activation record, not at the definition).
 */
export async function sendJobsFor(
  client: DataverseApi,
  invitationIds: readonly string[],
  workflow: { id: string; name: string },
): Promise<Map<string, SendJobSummary>> {
  const summaries = new Map<string, SendJobSummary>();
  if (invitationIds.length === 0) return summaries;
  const regarding = l.regardingInvitation.valueField;
  const rows = await queryAnyOf(client, AsyncOperationTable.entitySet, {
    select: [c.id, c.name, c.state, c.status, regarding, l.workflowActivation.valueField],
    terms: invitationIds.map((id) => `${regarding} eq ${normalizeGuid(id)}`),
    where: `${c.operationType} eq ${AsyncOperationType.Workflow}`,
  });
  for (const row of rows) {
    const activation = readString(row, l.workflowActivation.valueField);
    const ofWorkflow =
      readString(row, c.name) === workflow.name ||
      (activation !== undefined && normalizeGuid(activation) === workflow.id);
    const invitationId = readString(row, regarding);
    if (!ofWorkflow || !invitationId) continue;
    const id = normalizeGuid(invitationId);
    const job = { state: jobState(row), jobId: readString(row, c.id) } as SendJobSummary;
    const known = summaries.get(id);
    if (!known || RANK[job.state] > RANK[known.state]) summaries.set(id, job);
  }
  return summaries;
}

/** Which summary wins when an invitation has several jobs: one in flight, then one that worked. */
const RANK: Record<SendJobState, number> = { none: 0, failed: 1, succeeded: 2, pending: 3 };

function jobState(row: Record<string, unknown>): SendJobState {
  if (readNumber(row, c.state) !== AsyncOperationState.Completed) return 'pending';
  return readNumber(row, c.status) === AsyncOperationStatus.Succeeded ? 'succeeded' : 'failed';
}
