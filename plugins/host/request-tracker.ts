/**
 * What the host has in flight: requests (a shutdown waits for them), and deliveries being processed,
 * capped. A delivery past the cap waits its turn in a bounded queue, for a bounded time, so a burst
 * is absorbed; past the queue or the wait it is refused (503), so no delivery starts so late that
 * Dataverse, which waits 60 s for the answer, has given up on it.
 */
import type { ServerResponse } from 'node:http';

/** Options for {@link RequestTracker}. */
export interface RequestTrackerOptions {
  /** Deliveries processed at once. */
  maxProcessing: number;
  /** Deliveries waiting for a turn; more are refused at once. */
  maxQueued: number;
  /** How long a delivery may wait for its turn. */
  queueTimeoutMs: number;
}

/** Counts requests in flight and admits deliveries up to a cap. */
export class RequestTracker {
  private active = 0;
  private processing = 0;
  private readonly queue: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: RequestTrackerOptions) {}

  /** Requests started and not yet answered (or cut off). */
  get inFlight(): number {
    return this.active;
  }

  /** Deliveries being processed now. */
  get admitted(): number {
    return this.processing;
  }

  /** Deliveries waiting for a turn. */
  get queued(): number {
    return this.queue.length;
  }

  /** Counts a request until its response closes (answered, or the connection dropped). */
  track(response: ServerResponse): void {
    this.active++;
    response.once('close', () => {
      this.active--;
      if (this.active === 0) this.wakeIdle();
    });
  }

  /**
   * Resolves true once the delivery may be processed (pair it with {@link release}), or false when
   * the queue is full or its turn did not come within `queueTimeoutMs`.
   */
  admit(): Promise<boolean> {
    if (this.processing < this.options.maxProcessing && this.queue.length === 0) {
      this.processing++;
      return Promise.resolve(true);
    }
    if (this.queue.length >= this.options.maxQueued) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const turn = () => {
        clearTimeout(timer);
        this.processing++;
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(turn), 1);
        resolve(false);
      }, this.options.queueTimeoutMs);
      this.queue.push(turn);
    });
  }

  /** Ends the processing of an admitted delivery, giving its turn to the next one waiting. */
  release(): void {
    this.processing--;
    this.queue.shift()?.();
  }

  /** Resolves true once no request is in flight, or false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.push(done);
    });
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
