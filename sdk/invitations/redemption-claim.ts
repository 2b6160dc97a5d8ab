/**
 * The claim on applying one redemption, held on its adx_inviteredemption activity so every process,
 * retry and replica sees it: an `If-Match` update of the Open activity writes a lease (`scheduledend`,
 * until when the claim holds), the first claim time (`actualstart`) and the journal (`description`,
 * see redemption-claim-journal.ts). Only one writer of a given version wins, so one delivery holds
 * the claim at a time; the others wait for the activity to be Completed, or for the lease to
 * expire (its holder died) and then take the claim over with `If-Match` again.
 *
 * Every later write of the holder is fenced the same way: a holder whose lease expired and was taken
 * over gets 412 on its next write and stops ({@link ClaimLostError}). A 412 that answers a write the
 * client repeated after a lost answer is told apart by the journal in the row: holder and write
 * number are unique per write.
 */
import type { DataverseApi } from '../client/api';
import { ActivityState, type InviteRedemptionFields } from '../entities/index';
import { ErrorKind, PortalInvitationsError } from '../errors';
import { InvitationError } from './errors';
import { RedemptionInProgressError, type ClaimTiming } from './redemption-claim-options';
import { decodeDescription, type ClaimJournal } from './redemption-claim-journal';
import { fencedUpdate, readClaimRow, type ClaimRow } from './redemption-claim-row';

/** Claim writes lost to other writers in a row before giving up (each loss means the row moved on). */
const MAX_CONFLICTS = 10;

/** Raised inside the holder when another delivery took its expired claim over: stop, they finish. */
export class ClaimLostError extends PortalInvitationsError {
  constructor(readonly redemptionId: string) {
    super(
      ErrorKind.Concurrency,
      `The claim on applying redemption ${redemptionId} was taken over by another delivery.`,
    );
  }
}

/** A claim held by this application: the fenced writes it makes until it completes or releases. */
export class RedemptionClaim {
  private lastWriteAt: number;
  private startedJobId: string | undefined;

  constructor(
    private readonly client: DataverseApi,
    /** The adx_inviteredemption activity id. */
    readonly redemptionId: string,
    private row: ClaimRow,
    /** The journal as this holder last wrote it. */
    private current: ClaimJournal,
    /** The journal found before this claim was taken (undefined for the first claim). */
    readonly previous: ClaimJournal | undefined,
    private readonly timing: ClaimTiming,
  ) {
    this.lastWriteAt = timing.now();
  }

  /** The journal as this holder last wrote it. */
  get journal(): ClaimJournal {
    return this.current;
  }

  /** The server's time of this holder's last write (the clock jobs it starts are stamped with). */
  get serverTime(): Date {
    return this.row.modifiedOn ?? new Date(this.timing.now());
  }

  /** Extends the lease when a third of it has passed since the last write. */
  async renewIfDue(): Promise<void> {
    if (this.timing.now() - this.lastWriteAt < this.timing.leaseMs / 3) return;
    await this.write({}, {});
  }

  /** Records, before ExecuteWorkflow is sent, that jobs from the last write's server time on may be ours. */
  async markWorkflowStarting(): Promise<void> {
    await this.write({}, { workflow: { startingAfter: this.serverTime.toISOString() } });
  }

  /** Remembers the workflow's system job, written by {@link complete} or {@link release}. */
  noteWorkflowJob(jobId: string | undefined): void {
    this.startedJobId = jobId;
  }

  /**
   * Completes the activity (Completed, actualend, no lease) with the workflow's job id recorded.
   * False when the claim was taken over first: the new holder completes it.
   */
  async complete(): Promise<boolean> {
    try {
      await this.write(
        { state: ActivityState.Completed, actualEnd: new Date(this.timing.now()), scheduledEnd: null },
        this.workflowChange(),
      );
      return true;
    } catch (error) {
      if (error instanceof ClaimLostError) return false;
      throw error;
    }
  }

  /** Gives the claim up after a failure (best effort), so a retry need not wait for the lease. */
  async release(): Promise<void> {
    await this.write({ scheduledEnd: null }, this.workflowChange()).catch(() => undefined);
  }

  private workflowChange(): Partial<ClaimJournal> {
    return this.startedJobId ? { workflow: { jobId: this.startedJobId } } : {};
  }

  private async write(fields: InviteRedemptionFields, change: Partial<ClaimJournal>): Promise<void> {
    const next: ClaimJournal = { ...this.current, ...change, seq: this.current.seq + 1 };
    const now = this.timing.now();
    const written = await fencedUpdate(this.client, this.redemptionId, this.row.etag, {
      fields: { scheduledEnd: new Date(now + this.timing.leaseMs), ...fields },
      rest: decodeDescription(this.row.description).rest,
      journal: next,
    });
    if (!written) throw new ClaimLostError(this.redemptionId);
    this.row = written;
    this.current = next;
    this.lastWriteAt = now;
  }
}

/** What {@link claimRedemption} found. */
export type ClaimOutcome = { kind: 'completed' } | { kind: 'claimed'; claim: RedemptionClaim };

/**
 * Takes the claim on applying a redemption: resolves `completed` when the activity is already
 * Completed (its grants were applied), else `claimed` once this application holds the lease.
 * While another holder's lease runs, it re-reads every `pollMs` up to `waitMs`.
 * @throws RedemptionInProgressError when another holder still holds it after `waitMs`
 * @throws InvitationError `not_found` for an unknown activity, `inactive` for a canceled one
 */
export async function claimRedemption(
  client: DataverseApi,
  redemptionId: string,
  timing: ClaimTiming,
): Promise<ClaimOutcome> {
  let waited = 0;
  let conflicts = 0;
  for (;;) {
    const row = await readClaimRow(client, redemptionId);
    if (row.state === ActivityState.Completed) return { kind: 'completed' };
    if (row.state === ActivityState.Canceled) {
      throw new InvitationError(
        'inactive',
        `Redemption ${redemptionId} is canceled, so its grants are not applied; reopen it (statecode 0) to apply them.`,
      );
    }
    const now = timing.now();
    if (row.leaseUntil && row.leaseUntil.getTime() > now) {
      if (waited >= timing.waitMs) throw new RedemptionInProgressError(redemptionId, row.leaseUntil);
      const pause = Math.min(timing.pollMs, timing.waitMs - waited);
      await timing.sleep(pause);
      waited += pause;
      continue;
    }
    const { journal: previous, rest } = decodeDescription(row.description);
    const journal: ClaimJournal = {
      holder: timing.holderId,
      claims: (previous?.claims ?? 0) + 1,
      seq: 1,
      ...(previous?.workflow ? { workflow: previous.workflow } : {}),
    };
    const written = await fencedUpdate(client, redemptionId, row.etag, {
      fields: {
        scheduledEnd: new Date(now + timing.leaseMs),
        ...(row.actualStart ? {} : { actualStart: new Date(now) }),
      },
      rest,
      journal,
    });
    if (written) {
      return {
        kind: 'claimed',
        claim: new RedemptionClaim(client, redemptionId, written, journal, previous, timing),
      };
    }
    if (++conflicts >= MAX_CONFLICTS) throw new RedemptionInProgressError(redemptionId, undefined);
  }
}
