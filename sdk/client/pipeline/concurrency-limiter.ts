/**
 * A counting semaphore whose limit can change while requests wait (it follows `x-ms-dop-hint`).
 */
import { ConfigurationError } from '../../errors';

interface Waiter {
  grant: () => void;
}

/** Lets at most `limit` holders in at once; the others wait in arrival order. */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private currentLimit: number) {
    if (!(currentLimit >= 1)) {
      throw new ConfigurationError(
        `maxConcurrency must be at least 1, got ${currentLimit}; leave it out for the default of 4.`,
      );
    }
  }

  /** The current limit. */
  get limit(): number {
    return this.currentLimit;
  }

  /** Holders right now. */
  get inFlight(): number {
    return this.active;
  }

  /** Changes the limit; raising it lets waiters in at once. */
  setLimit(limit: number): void {
    if (!Number.isFinite(limit) || limit < 1) return;
    this.currentLimit = Math.floor(limit);
    this.drain();
  }

  /** Takes a slot if one is free and nobody is queued; undefined otherwise. */
  tryAcquire(): (() => void) | undefined {
    if (this.active >= this.currentLimit || this.waiting.length > 0) return undefined;
    this.active++;
    return this.releaser();
  }

  /** Waits for a slot. Returns the function that frees it (calling it twice frees once). */
  acquire(signal?: AbortSignal, onAbort?: () => unknown): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', abort);
          this.active++;
          resolve(this.releaser());
        },
      };
      const abort = (): void => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(onAbort ? onAbort() : signal?.reason);
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      this.waiting.push(waiter);
      this.drain();
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.drain();
    };
  }

  private drain(): void {
    while (this.active < this.currentLimit && this.waiting.length > 0) {
      this.waiting.shift()!.grant();
    }
  }
}
