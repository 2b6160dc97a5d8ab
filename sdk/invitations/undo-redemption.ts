/**
 * Undoing a redemption by the wrong person: read (undo-read.ts), decide (undo-plan.ts), then write
 * everything in one change set, all or nothing: the invitation (guarded by its etag, so a
 * redemption or another undo racing this one makes it read again and decide again), the redeemed
 * contact link, the activity marked Canceled (guarded by its etag, so an apply claim taken
 * meanwhile does too, and a canceled redemption is never applied afterwards), the role links, the
 * sign-in row (or the local account a registration wrote) with a new security stamp for the
 * contact, and a note on the invitation saying all of it.
 */
import type { DataverseApi } from '../client/api';
import { DataverseError } from '../client/errors';
import type { BatchRequest } from '../client/types';
import {
  ActivityState,
  AnnotationTable,
  annotationToWebApi,
  ContactTable,
  contactToWebApi,
  ExternalIdentityTable,
  InvitationTable,
  invitationToWebApi,
  InviteRedemptionTable,
  inviteRedemptionToWebApi,
  recordPath,
} from '../entities/index';
import { DATA_MODEL_NAMES } from '../sites/data-models';
import { isConcurrencyConflict, isStatus } from './odata';
import { planUndo, undoNoteText, type UndoPlan } from './undo-plan';
import { readUndoFacts, type UndoFacts } from './undo-read';

export type { KeptRole, UndoPlan, UndoRole } from './undo-plan';

/** Options of {@link undoRedemption}. */
export interface UndoRedemptionOptions {
  /** Only report what would change (the default of the command line; the SDK writes unless asked not to). */
  dryRun?: boolean;
}

/** What undo needs besides the redemption id. */
export interface UndoContext {
  now: () => number;
  /** New GUIDs (the note, the contact's new security stamp). */
  newId: () => string;
  /** Attempts when a concurrent write changes the invitation or the activity; default 5. */
  maxAttempts?: number;
}

/** The outcome of {@link undoRedemption}. */
export type UndoRedemptionResult = UndoPlan & {
  /** False for a dry run: nothing was written. */
  applied: boolean;
  /** The note (annotation) recorded on the invitation. */
  noteId?: string;
};

function undoRequests(facts: UndoFacts, plan: UndoPlan, noteId: string, ctx: UndoContext): BatchRequest[] {
  const { invitation, redemption } = facts;
  const { contactId, invitationId } = plan;
  const single = invitation.record.type === 'single';
  const requests: BatchRequest[] = [
    {
      method: 'PATCH',
      url: recordPath(InvitationTable.entitySet, invitationId),
      body: invitationToWebApi({
        redemptions: plan.redemptions.after,
        ...(plan.status.after !== plan.status.before && plan.status.after !== 'inactive'
          ? { statusReason: plan.status.after }
          : {}),
        ...(single && plan.redeemedContactRemoved ? { redeemedContactId: null } : {}),
      }),
      headers: { 'If-Match': invitation.etag },
    },
  ];
  if (!single && plan.redeemedContactRemoved) {
    requests.push({
      method: 'DELETE',
      url: `${recordPath(InvitationTable.entitySet, invitationId)}/${InvitationTable.relationships.redeemedContacts}(${contactId})/$ref`,
    });
  }
  requests.push({
    method: 'PATCH',
    url: recordPath(InviteRedemptionTable.entitySet, redemption.id),
    body: inviteRedemptionToWebApi({ state: ActivityState.Canceled, scheduledEnd: null }),
    headers: { 'If-Match': redemption.etag },
  });
  for (const role of plan.rolesRemoved) {
    const { contactRoles } = DATA_MODEL_NAMES[role.dataModel];
    requests.push({
      method: 'DELETE',
      url: `${recordPath(ContactTable.entitySet, contactId)}/${contactRoles}(${role.id})/$ref`,
    });
  }
  if (plan.identityRemoved) {
    requests.push({
      method: 'DELETE',
      url: recordPath(ExternalIdentityTable.entitySet, plan.identityRemoved.id),
    });
  }
  if (plan.identityRemoved || plan.localAccountRemoved) {
    // A new security stamp ends the sessions the removed sign-in or account opened.
    const account = plan.localAccountRemoved ? { identityUsername: null, identityPasswordHash: null } : {};
    requests.push({
      method: 'PATCH',
      url: recordPath(ContactTable.entitySet, contactId),
      body: contactToWebApi({ ...account, identitySecurityStamp: ctx.newId() }),
      headers: { 'If-Match': '*' },
    });
  }
  requests.push({
    method: 'POST',
    url: AnnotationTable.entitySet,
    body: annotationToWebApi({
      id: noteId,
      subject: 'Redemption undone',
      noteText: undoNoteText(plan, ctx.now()),
      invitationId,
    }),
  });
  return requests;
}

/**
 * Undoes redemption `redemptionId` (an adx_inviteredemption id): see the file comment. With
 * `dryRun`, only reports the plan.
 * @throws InvitationError `not_found` (no such redemption), `invalid` (already undone, or not a
 * redemption); RedemptionInProgressError while its grants are being applied; nothing is written then
 */
export async function undoRedemption(
  client: DataverseApi,
  redemptionId: string,
  options: UndoRedemptionOptions,
  ctx: UndoContext,
): Promise<UndoRedemptionResult> {
  const attempts = ctx.maxAttempts ?? 5;
  let lastConflict: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const facts = await readUndoFacts(client, redemptionId);
    const plan = planUndo(facts, ctx.now());
    if (options.dryRun) return { ...plan, applied: false };
    const noteId = ctx.newId();
    const responses = await client.batch([{ changeSet: undoRequests(facts, plan, noteId, ctx) }]);
    const failed = responses.find((r) => r.error || r.status >= 400);
    if (!failed) return { ...plan, applied: true, noteId };
    const error =
      failed.error ??
      new DataverseError(`The undo change set failed with HTTP ${failed.status}.`, { status: failed.status });
    // The invitation or activity changed since it was read (a redemption, an apply claim, another
    // undo), or a link it removes went meanwhile: read again and decide again.
    if (!isConcurrencyConflict(error) && !isStatus(error, 404)) throw error;
    lastConflict = error;
  }
  throw lastConflict;
}
