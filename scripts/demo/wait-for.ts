/** Bounded polling: ask until the answer is there or the time is up. */

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** Give up after this long; default 15000. */
  timeoutMs?: number;
  /** Time between checks; default 200. */
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Calls `check` until it returns something other than undefined, and returns that.
 * @throws Error naming `what` when the time is up
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: WaitForOptions = {},
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const deadline = now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (now() >= deadline) throw new Error(`Gave up waiting after ${timeoutMs} ms for ${what}.`);
    await sleep(options.intervalMs ?? 200);
  }
}
