/**
 * How long a claim on applying a redemption lasts and how long another delivery waits for it,
 * and the error a delivery gets when the claim is still held after that wait.
 */
import { randomUUID } from 'node:crypto';
import { ErrorKind, InvalidArgumentError, PortalInvitationsError } from '../errors';

/** Options for applying a redemption (claim timing and injected clock). */
export interface ApplyRedemptionOptions {
  /**
   * How long a claim holds without its holder writing again; a delivery that finds it older takes
   * the work over. Longer than one Dataverse request can take (the holder renews it between its
   * steps). Default 30 000 ms.
   */
  leaseMs?: number;
  /**
   * How long a delivery waits for a claim held by another one before giving up with
   * RedemptionInProgressError; longer than {@link leaseMs}, so that a dead holder's claim is taken
   * over within one delivery, and shorter than Dataverse's 60 s webhook timeout. Default 40 000 ms.
   */
  waitMs?: number;
  /** Pause between re-reads while waiting. Default 500 ms. */
  pollMs?: number;
  /** The clock (epoch ms) the lease is written and judged with; default Date.now. */
  now?: () => number;
  /** How to pause while waiting; default a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Identifies this application in the claim's journal; default a random UUID per call. */
  holderId?: string;
}

/** {@link ApplyRedemptionOptions} with the defaults filled in. */
export type ClaimTiming = Required<ApplyRedemptionOptions>;

/** Defaults of {@link ApplyRedemptionOptions}. */
export const CLAIM_DEFAULTS = { leaseMs: 30_000, waitMs: 40_000, pollMs: 500 } as const;

function positive(name: keyof ApplyRedemptionOptions, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new InvalidArgumentError(name, `${name} must be a positive number of milliseconds; got ${value}.`);
  return value;
}

/** Fills in the defaults; a new holder id per call. */
export function claimTiming(options: ApplyRedemptionOptions = {}): ClaimTiming {
  return {
    leaseMs: positive('leaseMs', options.leaseMs ?? CLAIM_DEFAULTS.leaseMs),
    waitMs: Math.max(0, options.waitMs ?? CLAIM_DEFAULTS.waitMs),
    pollMs: positive('pollMs', options.pollMs ?? CLAIM_DEFAULTS.pollMs),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    holderId: options.holderId ?? randomUUID(),
  };
}

/**
 * Raised when another delivery is applying the same redemption and still held its claim when this
 * one stopped waiting. Nothing was written by this delivery; try again after `heldUntil`.
 */
export class RedemptionInProgressError extends PortalInvitationsError {
  constructor(
    /** The adx_inviteredemption activity. */
    readonly redemptionId: string,
    /** When the other holder's lease ends, if known. */
    readonly heldUntil: Date | undefined,
  ) {
    super(
      ErrorKind.Concurrency,
      `Redemption ${redemptionId} is being applied by another delivery` +
        (heldUntil ? ` (its claim holds until ${heldUntil.toISOString()})` : '') +
        '; nothing was done here. Try again later: a finished redemption is not applied twice.',
    );
  }
}
