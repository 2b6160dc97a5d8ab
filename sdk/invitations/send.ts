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
import type { DataverseClient } from '../client/index';
import type { WebApiRecord } from '../client/types';
import { parseGuids } from '../entities/guid';
import { readDate } from '../entities/web-api-values';
import { InvitationError } from './errors';
import { isExpired } from './expiry';
import { Contact, Inv, InvitationState, InvitationStatus, Workflow } from './names';
import { anyOf, normalizeGuid, queryAll, quote } from './odata';
import { mapBounded } from './parallel';
import { sendJobsFor } from './send-jobs';
import type { SendResult, SendSkipCode } from './types';

/** Options for {@link sendInvitations}. */
export interface SendOptions {
  /** Name of the workflow definition; default "Send Invitation". */
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

/**
 * Runs the Send Invitation workflow for each invitation id.
 * @throws InvalidArgumentError before any request when an id is not a GUID
 */
export async function sendInvitations(
  client: DataverseClient,
  ids: string[],
  options: SendOptions,
): Promise<SendResult[]> {
  const wanted = [...new Set(parseGuids(ids, 'invitationId'))];
  if (wanted.length === 0) return [];
  const now = (options.now ?? Date.now)();
  const [workflowId, rows] = await Promise.all([
    findSendWorkflow(client, options.workflowName),
    queryAll(client, Inv.set, {
      select: [Inv.id, Inv.state, Inv.status, Inv.expiryDate, Inv.lookups.inviteContact.valueField],
      filter: anyOf(Inv.id, wanted, 'guid'),
      expand: `${Inv.lookups.inviteContact.navigation}($select=${Contact.id},${Contact.email})`,
    }),
  ]);
  const byId = new Map(rows.map((r) => [normalizeGuid(String(r[Inv.id])), r]));
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

/**
 * Why an invitation row cannot be sent (or need not be: already Sent, unless `resend`), or
 * undefined when it can. The row needs the state, status, expiry and the expanded invited contact.
 */
export function whyNotSendable(
  row: WebApiRecord,
  now: number = Date.now(),
  options: { resend?: boolean } = {},
): NotSendable | undefined {
  if (Number(row[Inv.state]) === InvitationState.Inactive)
    return { code: 'inactive', reason: 'the invitation is inactive (revoked)' };
  const status = Number(row[Inv.status]);
  if (status === InvitationStatus.Redeemed)
    return { code: 'redeemed', reason: 'the invitation has already been redeemed' };
  const expiresOn = readDate(row, Inv.expiryDate);
  if (isExpired(expiresOn, now))
    return { code: 'expired', reason: `the invitation expired on ${expiresOn!.toISOString()}` };
  if (status === InvitationStatus.Sent && !options.resend)
    return { code: 'already_sent', reason: 'it was already sent (status Sent)' };
  const contact = row[Inv.lookups.inviteContact.navigation] as WebApiRecord | null | undefined;
  const contactId = row[Inv.lookups.inviteContact.valueField];
  if (!contactId || !contact) {
    return {
      code: 'no_contact',
      reason: 'no invited contact (adx_invitecontact): the Send Invitation e-mail goes to that contact only',
    };
  }
  const email = contact[Contact.email];
  if (typeof email !== 'string' || email.trim() === '') {
    return {
      code: 'no_email',
      reason: `invited contact ${String(contactId)} has no e-mail address (emailaddress1); add one and send again`,
    };
  }
  return undefined;
}
