/**
 * Reissuing an invitation: a new code replaces the old one (which then matches no invitation, so
 * it no longer redeems), optionally with a new expiry, and a note on the invitation says so. The
 * write is one change set guarded by the invitation's etag: a redemption with the old code that
 * commits first makes it re-read and decide again, one that comes after finds no such code.
 */
import type { DataverseApi } from '../client/api';
import { DataverseError } from '../client/errors';
import type { WebApiRecord } from '../client/types';
import {
  AnnotationTable,
  annotationToWebApi,
  InvitationState,
  InvitationTable,
  invitationSelect,
  invitationToWebApi,
  readEtag,
  readNumber,
  recordPath,
  toInvitationRecord,
  type InvitationRecord,
} from '../entities/index';
import { generateInvitationCode } from './codes';
import { InvitationError } from './errors';
import { isExpired } from './expiry';
import { isConcurrencyConflict, isStatus, NO_CACHE, normalizeGuid } from './odata';
import { checkedExpiry } from './reissue-expiry';

/** Options of {@link reissueInvitation}. */
export interface ReissueOptions {
  /** A new expiry (a future instant; ISO-8601 strings must name a real calendar day). */
  expiresOn?: Date | string;
}

/** What a reissue needs besides the invitation id. */
export interface ReissueContext {
  now: () => number;
  /** New GUIDs (the note's id). */
  newId: () => string;
  /** A new code; default {@link generateInvitationCode}. */
  newCode?: () => string;
  /** Attempts when a concurrent write changes the invitation; default 5. */
  maxAttempts?: number;
}

/** A reissued invitation. */
export interface ReissueResult {
  id: string;
  /** The new code (the secret to send; the old one no longer redeems). */
  code: string;
  /** The expiry afterwards (the new one, or the one it had). */
  expiresOn?: Date;
  /** The status before; afterwards it is `new` until the new code is sent. */
  previousStatus: InvitationRecord['status'];
  /** The note (annotation) recording the reissue. */
  noteId: string;
}

async function readInvitation(
  client: DataverseApi,
  id: string,
): Promise<{ record: InvitationRecord; etag: string; state: number }> {
  let row: WebApiRecord;
  try {
    row = await client.retrieve<WebApiRecord>(InvitationTable.entitySet, id, {
      select: invitationSelect,
      headers: { ...NO_CACHE },
    });
  } catch (error) {
    if (isStatus(error, 404)) {
      throw new InvitationError('not_found', `Invitation ${id} does not exist; check the id.`, {
        cause: error,
      });
    }
    throw error;
  }
  const record = toInvitationRecord(row);
  return {
    record,
    etag: readEtag(row) ?? '*',
    state: readNumber(row, InvitationTable.columns.state) ?? InvitationState.Active,
  };
}

/** The rules: only an invitation that could still be redeemed gets a new code. */
function checkReissuable(
  record: InvitationRecord,
  state: number,
  newExpiry: Date | undefined,
  now: number,
): void {
  const id = record.id;
  if (state !== InvitationState.Active || record.status === 'inactive') {
    throw new InvitationError(
      'inactive',
      `Invitation ${id} has been revoked; create a new invitation instead.`,
    );
  }
  if (
    record.type === 'single' &&
    (record.redemptions >= 1 || record.redeemedContactId || record.status === 'redeemed')
  ) {
    throw new InvitationError(
      'already_redeemed',
      `Invitation ${id} has already been redeemed; a new code would not redeem again. Undo the redemption first if it was by the wrong person.`,
    );
  }
  const max =
    record.maximumRedemptions && record.maximumRedemptions > 0 ? record.maximumRedemptions : undefined;
  if (
    record.type === 'group' &&
    (record.status === 'redeemed' || (max !== undefined && record.redemptions >= max))
  ) {
    throw new InvitationError(
      'max_redemptions',
      `Invitation ${id} has reached its maximum of ${max ?? record.redemptions} redemptions; raise the maximum before reissuing.`,
    );
  }
  if (!newExpiry && record.expiresOn && isExpired(record.expiresOn, now)) {
    throw new InvitationError(
      'expired',
      `Invitation ${id} expired on ${record.expiresOn.toISOString()}; give a new expiry with the new code.`,
    );
  }
}

function noteText(record: InvitationRecord, expiresOn: Date | undefined, at: number): string {
  const lines = [
    `A new invitation code replaced the old one on ${new Date(at).toISOString()}; the old code no longer redeems.`,
    `Status: ${record.status} → new (until the new code is sent).`,
  ];
  if (expiresOn)
    lines.push(`Expiry: ${record.expiresOn?.toISOString() ?? 'none'} → ${expiresOn.toISOString()}.`);
  return lines.join('\n');
}

/**
 * Gives invitation `id` a new code (the old one stops working) and, with `expiresOn`, a new expiry;
 * records it in a note on the invitation. The status becomes `new` until the code is sent.
 * @throws InvitationError `not_found`, `inactive` (revoked), `already_redeemed` (Single),
 * `max_redemptions` (Group), `expired` (without a new expiry) or `invalid` (a bad expiry); nothing is written then
 */
export async function reissueInvitation(
  client: DataverseApi,
  invitationId: string,
  options: ReissueOptions,
  ctx: ReissueContext,
): Promise<ReissueResult> {
  const id = normalizeGuid(invitationId);
  const expiresOn = options.expiresOn !== undefined ? checkedExpiry(options.expiresOn, ctx.now()) : undefined;
  const attempts = ctx.maxAttempts ?? 5;
  let lastConflict: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const { record, etag, state } = await readInvitation(client, id);
    const now = ctx.now();
    checkReissuable(record, state, expiresOn, now);
    const code = (ctx.newCode ?? generateInvitationCode)();
    const noteId = ctx.newId();
    const responses = await client.batch([
      {
        changeSet: [
          {
            method: 'PATCH',
            url: recordPath(InvitationTable.entitySet, id),
            body: invitationToWebApi({
              code,
              ...(expiresOn ? { expiresOn } : {}),
              ...(record.status !== 'new' ? { statusReason: 'new' as const } : {}),
            }),
            headers: { 'If-Match': etag },
          },
          {
            method: 'POST',
            url: AnnotationTable.entitySet,
            body: annotationToWebApi({
              id: noteId,
              subject: 'Invitation code reissued',
              noteText: noteText(record, expiresOn, now),
              invitationId: id,
            }),
          },
        ],
      },
    ]);
    const failed = responses.find((r) => r.error || r.status >= 400);
    if (!failed)
      return { id, code, expiresOn: expiresOn ?? record.expiresOn, previousStatus: record.status, noteId };
    const error =
      failed.error ??
      new DataverseError(`The reissue change set failed with HTTP ${failed.status}.`, {
        status: failed.status,
      });
    // Someone else wrote the invitation (a redemption, another reissue) since it was read: read again.
    if (!isConcurrencyConflict(error)) throw error;
    lastConflict = error;
  }
  throw lastConflict;
}
