/**
 * An optimisation, not a guarantee: a duplicate of a delivery this process is running (or has just
 * answered) shares that answer instead of running the steps again. A bounded LRU of recent delivery
 * ids, each holding the in-flight work or its final answer.
 *
 * It cannot make anything happen once: it lives in one process, is forgotten on restart, and a
 * retry or re-send carries a new RequestId/OperationId. What must happen once per redemption is
 * guarded in Dataverse itself (the claim on the redemption activity, sdk/invitations/redemption-claim.ts),
 * so replicas of the host stay stateless.
 */

/** The answer given to a delivery, replayed to its duplicates. */
export interface DeliveryAnswer {
  status: number;
  body: unknown;
}

/** Options for {@link DeliveryLedger}. */
export interface DeliveryLedgerOptions {
  /** Deliveries remembered; the least recently seen is forgotten first. Default 1000. */
  capacity?: number;
  /** Whether an answer is final (replayed) or lets a retry run again; default: status < 500. */
  isFinal?: (answer: DeliveryAnswer) => boolean;
}

/** Runs each delivery id's work once and shares its answer with duplicates. */
export class DeliveryLedger {
  private readonly entries = new Map<string, Promise<DeliveryAnswer>>();
  private readonly capacity: number;
  private readonly isFinal: (answer: DeliveryAnswer) => boolean;

  constructor(options: DeliveryLedgerOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? 1000);
    this.isFinal = options.isFinal ?? ((answer) => answer.status < 500);
  }

  /** Number of deliveries remembered. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Runs `work` for a new id; for an id already seen, waits for and returns the first answer
   * (`duplicate: true`). An answer that is not final is forgotten so a retry runs the work again.
   */
  async run(
    id: string,
    work: () => Promise<DeliveryAnswer>,
  ): Promise<DeliveryAnswer & { duplicate: boolean }> {
    const seen = this.entries.get(id);
    if (seen) {
      this.entries.delete(id);
      this.entries.set(id, seen);
      return { ...(await seen), duplicate: true };
    }
    const pending = work();
    this.entries.set(id, pending);
    this.evict();
    try {
      const answer = await pending;
      if (!this.isFinal(answer)) this.forget(id, pending);
      return { ...answer, duplicate: false };
    } catch (error) {
      this.forget(id, pending);
      throw error;
    }
  }

  private forget(id: string, pending: Promise<DeliveryAnswer>): void {
    if (this.entries.get(id) === pending) this.entries.delete(id);
  }

  private evict(): void {
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
