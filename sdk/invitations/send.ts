/**
 * Sending invitations: find the Send Invitation workflow once, read the invitations and their
 * invited contacts in one query, and run the workflow (ExecuteWorkflow) for each one that can be
 * delivered. Nothing is dropped silently: each id gets sent, skipped or failed with a reason.
 *
 * An invitation is e-mailed at most once unless the caller asks to send it again: one whose status
 * is Sent, or that has a Send Invitation job queued, running or succeeded (its asyncoperation rows,
 * see send-jobs.ts), is skipped as `already_sent` / `in_progress`. That is decided from Dataverse,
 * so a crashed or interrupted caller that runs again never sends twice.
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
import { parseGuids } from '../entities/guid';
import { InvitationError } from './errors';
import { isExpired } from './expiry';
import { anyOf, normalizeGuid, queryAll, quote } from './odata';
import { mapBounded } from './parallel';
import { sendJobsFor } from './send-jobs';
import type { SendResult, SendSkipCode } from './types';

/** Options for {@link sendInvitations}. */
export interface SendOptions {
  /** Name of the workflow definition; default `SEND_INVITATION_WORKFLOW_NAME`. */
  workflowName: string;
  /** ExecuteWorkflow calls queued at once (the client's throttle caps what is in flight); default 16. */
  concurrency?: number;
  /** The clock (epoch ms) deciding expiry; default Date.now. */
  now?: () => number;
  /** E-mail invitations that were sent before (status Sent, or a succeeded job) again. */
  resend?: boolean;
  /**
   * Once aborted, no further ExecuteWorkflow call starts; calls already in flight finish, and the
   * invitations not reached are reported as skipped with code `stopped`. (Unlike a request
   * `signal`, it never cuts a request off, so whether that e-mail went out is never unknown.)
   */
  stopSignal?: AbortSignal;
}

/** Why an invitation is not sent: the stable code and the sentence for people. */
export interface NotSendable {
  code: SendSkipCode;
  reason: string;
}

const invitation = InvitationTable.columns;
const { inviteContact } = InvitationTable.lookups;
const workflow = WorkflowTable.columns;
const contact = ContactTable.columns;

/**
 * The activated Send Invitation definition's id; InvitationError('invalid') when there is none or
 * several. A definition left in Draft (a template change that was interrupted, or a manual
 * deactivation) is named in the error with how to bring it back, since no e-mail can go out then.
 */
export async function findSendWorkflow(client: DataverseApi, name: string): Promise<string> {
  const rows = (
    await queryAll(client, WorkflowTable.entitySet, {
      select: [workflow.id, workflow.name, workflow.state],
      filter: `${workflow.name} eq ${quote(name)} and ${workflow.type} eq ${WorkflowType.Definition}`,
    })
  ).map(toWorkflowRecord);
  const activated = rows.filter((row) => row.state === WorkflowState.Activated);
  if (activated.length === 1) return normalizeGuid(activated[0].id);
  if (activated.length > 1)
    throw new InvitationError(
      'invalid',
      `${activated.length} activated workflow definitions are named "${name}"; deactivate the extra ones.`,
    );
  const inState = (state: WorkflowState) =>
    rows.filter((row) => row.state === state).map((row) => normalizeGuid(row.id));
  const drafts = inState(WorkflowState.Draft);
  const suspended = inState(WorkflowState.Suspended);
  const found: string[] = [];
  if (drafts.length)
    found.push(
      `${drafts.join(', ')} ${drafts.length === 1 ? 'is' : 'are'} in Draft. If a template change was interrupted, any \`portal-invite workflow\` command (e.g. \`workflow show\`) run where it was started finishes or rolls it back; otherwise \`portal-invite workflow activate\` activates it`,
    );
  if (suspended.length)
    found.push(
      `${suspended.join(', ')} ${suspended.length === 1 ? 'is' : 'are'} suspended, as breaking a data loss prevention policy: an administrator must change the policy or the workflow first`,
    );
  throw new InvitationError(
    'invalid',
    found.length === 0
      ? `No activated workflow definition named "${name}"; import the solution or activate the workflow.`
      : `No activated workflow definition named "${name}", so nothing can be sent: ${found.join('; ')}.`,
  );
}

/**
 * Runs the Send Invitation workflow for each invitation id.
 * @throws InvalidArgumentError before any request when an id is not a GUID
 */
export async function sendInvitations(
  client: DataverseApi,
  ids: string[],
  options: SendOptions,
): Promise<SendResult[]> {
  const wanted = [...new Set(parseGuids(ids, 'invitationId'))];
  if (wanted.length === 0) return [];
  const now = (options.now ?? Date.now)();
  const [workflowId, rows] = await Promise.all([
    findSendWorkflow(client, options.workflowName),
    queryAll(client, InvitationTable.entitySet, {
      select: [
        invitation.id,
        invitation.state,
        invitation.status,
        invitation.expiryDate,
        inviteContact.valueField,
      ],
      filter: anyOf(invitation.id, wanted, 'guid'),
      expand: `${inviteContact.navigation}($select=${contact.id},${contact.email})`,
    }),
  ]);
  const byId = new Map(rows.map((row) => [normalizeGuid(toInvitationRecord(row).id), row]));
  const blocked = new Map<string, NotSendable>();
  for (const [id, row] of byId) {
    const why = whyNotSendable(row, now, options);
    if (why) blocked.set(id, why);
  }
  const candidates = [...byId.keys()].filter((id) => !blocked.has(id));
  const jobs = await sendJobsFor(client, candidates, { id: workflowId, name: options.workflowName });
  for (const id of candidates) {
    const job = jobs.get(id);
    if (job?.state === 'pending') {
      blocked.set(id, {
        code: 'in_progress',
        reason: `a Send Invitation job for it is already queued or running (system job ${job.jobId}); it will e-mail the invitee`,
      });
    } else if (job?.state === 'succeeded' && !options.resend) {
      blocked.set(id, {
        code: 'already_sent',
        reason: `it was already sent (system job ${job.jobId} succeeded)`,
      });
    }
  }
  return mapBounded(wanted, options.concurrency ?? 16, async (id): Promise<SendResult> => {
    if (!byId.has(id)) return { id, status: 'failed', reason: `invitation ${id} does not exist` };
    const skip = blocked.get(id);
    if (skip) return { id, status: 'skipped', skip: skip.code, reason: skip.reason };
    if (options.stopSignal?.aborted) {
      return { id, status: 'skipped', skip: 'stopped', reason: 'not sent: sending was stopped' };
    }
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

/**
 * Why an invitation row cannot be sent (or need not be: already Sent, unless `resend`), or
 * undefined when it can. The row needs the state, status, expiry and the expanded invited contact.
 */
export function whyNotSendable(
  row: WebApiRecord,
  now: number = Date.now(),
  options: { resend?: boolean } = {},
): NotSendable | undefined {
  const record = toInvitationRecord(row);
  if (record.status === 'inactive')
    return { code: 'inactive', reason: 'the invitation is inactive (revoked)' };
  if (record.status === 'redeemed')
    return { code: 'redeemed', reason: 'the invitation has already been redeemed' };
  if (isExpired(record.expiresOn, now))
    return { code: 'expired', reason: `the invitation expired on ${record.expiresOn!.toISOString()}` };
  if (record.status === 'sent' && !options.resend)
    return { code: 'already_sent', reason: 'it was already sent (status Sent)' };
  const expanded = readExpandedRow(row, inviteContact.navigation);
  if (!record.inviteContactId || !expanded) {
    return {
      code: 'no_contact',
      reason: `no invited contact (${inviteContact.column}): the ${SEND_INVITATION_WORKFLOW_NAME} e-mail goes to that contact only`,
    };
  }
  const email = toContactRecord(expanded).email;
  if (email === undefined || email.trim() === '') {
    return {
      code: 'no_email',
      reason: `invited contact ${record.inviteContactId} has no e-mail address (${contact.email}); add one and send again`,
    };
  }
  return undefined;
}
