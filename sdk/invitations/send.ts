/**
 * Sending invitations: find the Send Invitation workflow once, read the invitations and their
 * invited contacts in one query, and run the workflow (ExecuteWorkflow) for each one that can be
 * delivered. Nothing is dropped silently: each id gets sent, skipped or failed with a reason.
 */
import type { DataverseApi } from '../client/api';
import type { WebApiRecord } from '../client/types';
import {
  ContactTable,
  executeWorkflowBody,
  executeWorkflowJobId,
  InvitationTable,
  MessageName,
  readExpandedRow,
  SEND_INVITATION_WORKFLOW_NAME,
  toContactRecord,
  toInvitationRecord,
  toWorkflowRecord,
  WorkflowState,
  WorkflowTable,
  WorkflowType,
} from '../entities/index';
import { InvitationError } from './errors';
import { anyOf, normalizeGuid, queryAll, quote } from './odata';
import { mapBounded } from './parallel';
import type { SendResult } from './types';

/** Options for {@link sendInvitations}. */
export interface SendOptions {
  /** Name of the workflow definition; default `SEND_INVITATION_WORKFLOW_NAME`. */
  workflowName: string;
  /** ExecuteWorkflow calls queued at once (the client's throttle caps what is in flight); default 16. */
  concurrency?: number;
}

const invitation = InvitationTable.columns;
const { inviteContact } = InvitationTable.lookups;
const workflow = WorkflowTable.columns;
const contact = ContactTable.columns;

/** The activated Send Invitation definition's id; InvitationError('invalid') when there is none or several. */
export async function findSendWorkflow(client: DataverseApi, name: string): Promise<string> {
  const rows = await queryAll(client, WorkflowTable.entitySet, {
    select: [workflow.id, workflow.name],
    filter: `${workflow.name} eq ${quote(name)} and ${workflow.type} eq ${WorkflowType.Definition} and ${workflow.state} eq ${WorkflowState.Activated}`,
  });
  if (rows.length === 1) return normalizeGuid(toWorkflowRecord(rows[0]).id);
  throw new InvitationError(
    'invalid',
    rows.length === 0
      ? `No activated workflow definition named "${name}"; import the solution or activate the workflow.`
      : `${rows.length} activated workflow definitions are named "${name}"; deactivate the extra ones.`,
  );
}

/** Runs the Send Invitation workflow for each invitation id. */
export async function sendInvitations(
  client: DataverseApi,
  ids: string[],
  options: SendOptions,
): Promise<SendResult[]> {
  const wanted = [...new Set(ids.map(normalizeGuid))];
  if (wanted.length === 0) return [];
  const [workflowId, rows] = await Promise.all([
    findSendWorkflow(client, options.workflowName),
    queryAll(client, InvitationTable.entitySet, {
      select: [invitation.id, invitation.state, invitation.status, inviteContact.valueField],
      filter: anyOf(invitation.id, wanted, 'guid'),
      expand: `${inviteContact.navigation}($select=${contact.id},${contact.email})`,
    }),
  ]);
  const byId = new Map(rows.map((row) => [normalizeGuid(toInvitationRecord(row).id), row]));
  return mapBounded(wanted, options.concurrency ?? 16, async (id): Promise<SendResult> => {
    const row = byId.get(id);
    const skip = row ? whyNotSendable(row) : `invitation ${id} does not exist`;
    if (skip) return { id, status: row ? 'skipped' : 'failed', reason: skip };
    try {
      const response = await client.callAction<WebApiRecord | undefined>(
        MessageName.ExecuteWorkflow,
        executeWorkflowBody(id),
        { boundTo: { entitySet: WorkflowTable.entitySet, id: workflowId } },
      );
      return { id, status: 'sent', asyncOperationId: executeWorkflowJobId(response) };
    } catch (error) {
      return { id, status: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
  });
}

/** Why an invitation (a row with its invited contact expanded) cannot be sent, or undefined when it can. */
export function whyNotSendable(row: WebApiRecord): string | undefined {
  const record = toInvitationRecord(row);
  if (record.status === 'inactive') return 'the invitation is inactive';
  if (record.status === 'redeemed') return 'the invitation has already been redeemed';
  const expanded = readExpandedRow(row, inviteContact.navigation);
  if (!record.inviteContactId || !expanded) {
    return `no invited contact (${inviteContact.column}): the ${SEND_INVITATION_WORKFLOW_NAME} e-mail goes to that contact only`;
  }
  const email = toContactRecord(expanded).email;
  if (email === undefined || email.trim() === '') {
    return `invited contact ${record.inviteContactId} has no e-mail address (${contact.email}); add one and send again`;
  }
  return undefined;
}
