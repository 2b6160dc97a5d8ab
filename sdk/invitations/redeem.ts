/**
 * Redeeming a code: read once, decide, write once under the etag; on a lost race (412) read again
 * and decide again, a bounded number of times. Success costs two round trips (lookup, change set)
 * plus the in-process handlers when asked for. A registration also claims its username inside
 * the change set (username-claim.ts); losing that claim refuses it at once, with nothing written.
 */
import type { DataverseApi } from '../client/api';
import { DataverseError } from '../client/errors';
import { changeSetFailure } from '../client/batch/batch-run';
import { InvalidArgumentError } from '../errors';
import { applyRedemption } from './apply-redemption';
import { InvitationError } from './errors';
import { isConcurrencyConflict, isDuplicate, isStatus } from './odata';
import { lookupInvitation, lookupRegistrationCandidates } from './redeem-lookup';
import { lookupExternalLogin } from './redeem-external-lookup';
import { decideRedemption } from './redeem-rules';
import { redemptionChangeSet } from './redeem-write';
import { validateExternalLoginRedemption, validateRegistration } from './registration-rules';
import {
  externalLoginOf,
  redeemingContactId,
  registrationOf,
  type RedemptionRequest,
  type RedemptionResult,
} from './types';
import { registrantContactId, usernameClaimId } from './username-claim';

/** What a redemption needs besides the code. */
export interface RedeemContext {
  client: DataverseApi;
  now: () => number;
  /** 'server': the webhook step applies the redemption after commit; 'in-process': applied here. */
  handlers: 'server' | 'in-process';
  /** Attempts when other redemptions of the same code win the race; default 10. */
  maxAttempts: number;
  /** Waits between attempts (injected in tests). */
  sleep: (ms: number) => Promise<void>;
  /** Jitter source in [0,1). */
  random: () => number;
  /** New GUIDs: the redemption activity of an existing contact's redemption, a registration's security stamp. */
  newId: () => string;
  /** Stops the lookup, the write and the waits (see `RedeemOptions`). */
  signal?: AbortSignal;
}

/** Redeems `code` for an existing contact or a registering user; see {@link decideRedemption} for the rules. */
export async function redeemInvitation(
  ctx: RedeemContext,
  code: string,
  who: RedemptionRequest,
): Promise<RedemptionResult> {
  const { signal } = ctx;
  const redeemerId = redeemingContactId(who);
  const registration = registrationOf(who);
  const external = externalLoginOf(who);
  if (registration) validateRegistration(registration);
  else if (external) validateExternalLoginRedemption(external);
  else if (typeof redeemerId !== 'string') throw unknownRedeemer();
  // Chosen once: a retried change set re-creates the same rows, never a second contact or activity.
  // A registration's ids come from its username: they are its claim on it (see username-claim.ts).
  const newContactId = registration ? registrantContactId(registration.username) : '';
  const redemptionId = registration ? usernameClaimId(registration.username) : ctx.newId();
  const securityStamp = registration || external ? ctx.newId() : undefined;
  let lastConflict: unknown;
  for (let attempt = 1; attempt <= ctx.maxAttempts; attempt++) {
    const [invitation, candidates, externalFacts] = await Promise.all([
      lookupInvitation(ctx.client, code, { redeemerId, signal }),
      registration ? lookupRegistrationCandidates(ctx.client, registration, signal) : Promise.resolve([]),
      external ? lookupExternalLogin(ctx.client, code, external, signal) : Promise.resolve(undefined),
    ]);
    const plan = decideRedemption({
      invitation,
      who,
      candidates,
      now: ctx.now(),
      newContactId,
      external: externalFacts,
    });
    const inv = invitation!;
    const requests = redemptionChangeSet(ctx.client, {
      invitation: inv,
      plan,
      redemptionId,
      request: who,
      securityStamp,
    });
    const responses = await ctx.client.batch([{ changeSet: requests }], signal ? { signal } : undefined);
    // The request that failed itself decides (a 412 on the If-Match write is a lost race); the
    // others of the change set were only rolled back with it. A real org answers such a batch with
    // 400 and the failure inside a changesetresponse part; the client maps it by Content-ID.
    const failed = changeSetFailure(responses);
    if (!failed) {
      const result: RedemptionResult = {
        invitationId: inv.record.id,
        contactId: plan.contact.id,
        redemptionId,
        status: plan.reachesMaximum ? 'redeemed' : inv.record.status === 'sent' ? 'sent' : 'new',
        redemptions: plan.redemptions,
      };
      if (plan.contact.kind === 'external') {
        result.externalIdentityId = plan.contact.identity.id;
        result.identityLinked = plan.contact.identity.created;
      }
      if (ctx.handlers === 'in-process') {
        // The redemption is committed: a failure from here on is reported, never thrown, so the
        // caller does not take a redeemed code for a refused one; applyRedemption can be retried.
        try {
          result.handlers = await applyRedemption(
            ctx.client,
            { redemptionId, invitationId: inv.record.id, contactId: plan.contact.id },
            { now: ctx.now, sleep: ctx.sleep, holderId: ctx.newId() },
          );
        } catch (error) {
          result.handlersError = error instanceof Error ? error.message : String(error);
        }
      }
      return result;
    }
    const error =
      failed.error ??
      new DataverseError(`The redemption change set failed with HTTP ${failed.status}.`, {
        status: failed.status,
      });
    // Only a registration creates rows with ids others can also choose: another one claimed the username.
    if (registration && isDuplicate(error)) throw usernameTaken(registration.username, error);
    // An external sign-in's row id comes from the sign-in: another redemption linked it first.
    // Decide again: it is now linked, to this contact (redeem through it) or another (refused).
    if (external !== undefined && isDuplicate(error)) {
      lastConflict = error;
      if (attempt < ctx.maxAttempts) await ctx.sleep(backoffMs(attempt, ctx.random));
      signal?.throwIfAborted();
      continue;
    }
    if (!(isConcurrencyConflict(error) || (failed.status === 412 && !isStatus(error, 412)))) throw error;
    lastConflict = error;
    if (attempt < ctx.maxAttempts) {
      await ctx.sleep(backoffMs(attempt, ctx.random));
      signal?.throwIfAborted();
    }
  }
  throw lastConflict;
}

function unknownRedeemer(): InvalidArgumentError {
  return new InvalidArgumentError(
    'who',
    'Say who redeems: { contactId: "<contact id>" } for an existing contact, { registration: { email, username, password } } for a new portal user, or { externalLogin: { provider, subject, email } } for someone signed in with an external provider.',
  );
}

function usernameTaken(username: string, cause: unknown): InvitationError {
  return new InvitationError('invalid', `The username "${username}" is taken; choose another username.`, {
    cause,
  });
}

/** Small, growing, jittered waits: 10–30 ms, 20–60 ms, … capped at 500 ms. */
export function backoffMs(attempt: number, random: () => number): number {
  const base = Math.min(500, 10 * 2 ** Math.min(attempt - 1, 6));
  return Math.round(base * (1 + 2 * random()));
}
