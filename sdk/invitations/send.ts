/**
 * Sending invitations: find the Send Invitation workflow once, read the invitations and their
 * invited contacts in one query, and run the workflow (ExecuteWorkflow) for each one that can be
 * delivered. Nothing is dropped silently: each id gets sent, skipped or failed with a reason.
 */
import type { DataverseClient } from '../client/index';
import type { WebApiRecord } from '../client/types';
import { InvitationError } from './errors';
import { Contact, Inv, InvitationState, InvitationStatus, Workflow } from './names';
import { anyOf, normalizeGuid, queryAll, quote } from './odata';
import { mapBounded } from './parallel';
import type { SendResult } from './types';

/** Options for {@link sendInvitations}. */
export interface SendOptions {
  /** Name of the workflow definition; default "Send Invitation". */
  workflowName: string;
  /** ExecuteWorkflow calls queued at once (the client's throttle caps what is in flight); default 16. */
  concurrency?: number;
}

/** The activated Send Invitation definition's id; InvitationError('invalid') when there is none or several. */
export async function findSendWorkflow(client: DataverseClient, name: string): Promise<string> {
  const rows = await queryAll(client, Workflow.entitySet, {
    select: [Workflow.id, Workflow.name],
    filter: `${Workflow.name} eq ${quote(name)} and ${Workflow.type} eq ${Workflow.definitionType} and ${Workflow.state} eq ${Workflow.activatedState}`,
  });
  if (rows.length === 1) return normalizeGuid(String(rows[0][Workflow.id]));
  throw new InvitationError(
    'invalid',
    rows.length === 0
      ? `No activated workflow definition named "${name}"; import the solution or activate the workflow.`
      : `${rows.length} activated workflow definitions are named "${name}"; deactivate the extra ones.`,
  );
}

/** Runs the Send Invitation workflow for each invitation id. */
export async function sendInvitations(
  client: DataverseClient,
  ids: string[],
  options: SendOptions,
): Promise<SendResult[]> {
  const wanted = [...new Set(ids.map(normalizeGuid))];
  if (wanted.length === 0) return [];
  const [workflowId, rows] = await Promise.all([
    findSendWorkflow(client, options.workflowName),
    queryAll(client, Inv.set, {
      select: [Inv.id, Inv.state, Inv.status, Inv.lookups.inviteContact.valueField],
      filter: anyOf(Inv.id, wanted, 'guid'),
      expand: `${Inv.lookups.inviteContact.navigation}($select=${Contact.id},${Contact.email})`,
    }),
  ]);
  const byId = new Map(rows.map((r) => [normalizeGuid(String(r[Inv.id])), r]));
  return mapBounded(wanted, options.concurrency ?? 16, async (id): Promise<SendResult> => {
    const row = byId.get(id);
    const skip = row ? whyNotSendable(row) : `invitation ${id} does not exist`;
    if (skip) return { id, status: row ? 'skipped' : 'failed', reason: skip };
    try {
      const response = await client.callAction<WebApiRecord | undefined>(
        Workflow.executeAction,
        { EntityId: id },
        { boundTo: { entitySet: Workflow.entitySet, id: workflowId } },
      );
      const jobId = response?.['Id'] ?? response?.['id'] ?? response?.['asyncoperationid'];
      return { id, status: 'sent', asyncOperationId: typeof jobId === 'string' ? jobId : undefined };
    } catch (error) {
      return { id, status: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
  });
}

/** Why an invitation cannot be sent, or undefined when it can. */
export function whyNotSendable(row: WebApiRecord): string | undefined {
  if (Number(row[Inv.state]) === InvitationState.Inactive) return 'the invitation is inactive';
  if (Number(row[Inv.status]) === InvitationStatus.Redeemed)
    return 'the invitation has already been redeemed';
  const contact = row[Inv.lookups.inviteContact.navigation] as WebApiRecord | null | undefined;
  const contactId = row[Inv.lookups.inviteContact.valueField];
  if (!contactId || !contact) {
    return 'no invited contact (adx_invitecontact): the Send Invitation e-mail goes to that contact only';
  }
  const email = contact[Contact.email];
  if (typeof email !== 'string' || email.trim() === '') {
    return `invited contact ${String(contactId)} has no e-mail address (emailaddress1); add one and send again`;
  }
  return undefined;
}
