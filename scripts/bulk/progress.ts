/**
 * Progress of a bulk job on stderr: a cli-progress bar on a terminal; a plain line every so many
 * rows or seconds when stderr is a pipe or a CI log (so a long job visibly moves); nothing with
 * --json. The total is known before the first request (the CSV is counted first), and the time
 * left comes from the average rate of this run so far, so it does not swing with each chunk.
 * The summary is printed at the end either way.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { Output } from '../output';

/** What the bulk job reports progress through. */
export interface Progress {
  /** The number of rows in the CSV. */
  setTotal(total: number): void;
  /** `rows` more rows finished (default 1). */
  increment(rows?: number): void;
  /** Ends the display and shows the cursor again; safe to call more than once. */
  stop(): void;
}

/** When the plain-line progress prints, and the clock. */
export interface LineProgressOptions {
  /** Print after this many more rows finished; default 100. */
  everyRows?: number;
  /** Print when a row finishes this long (ms) after the last line; default 5000. */
  everyMs?: number;
  /** Clock (ms); default Date.now. */
  now?: () => number;
}

/** No estimate before this much of the run (ms) or this many rows: the first chunk says little. */
const ESTIMATE_AFTER_MS = 2000;
const ESTIMATE_AFTER_ROWS = 1;

/**
 * Milliseconds left at this run's average rate, or undefined while there is too little to go on.
 * @param done - rows finished by this run
 * @param remaining - rows still to do
 * @param elapsedMs - time since this run started
 */
export function estimateRemainingMs(done: number, remaining: number, elapsedMs: number): number | undefined {
  if (remaining <= 0) return 0;
  if (done < ESTIMATE_AFTER_ROWS || elapsedMs < ESTIMATE_AFTER_MS) return undefined;
  return (elapsedMs / done) * remaining;
}

/** "about 3 min left", "about 40 s left", "estimating time left", or "done". */
export function describeRemaining(ms: number | undefined): string {
  if (ms === undefined) return 'estimating time left';
  if (ms <= 0) return 'done';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `about ${Math.max(seconds, 1)} s left`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `about ${minutes} min left` : `about ${Math.round(minutes / 60)} h left`;
}

/**
 * A bar when stderr is a terminal, progress lines when it is not, nothing with --json.
 * @param lines when the lines are printed (non-terminal stderr only) and the clock
 */
export function createProgress(out: Output, lines: LineProgressOptions = {}): Progress {
  if (out.json) return { setTotal: () => undefined, increment: () => undefined, stop: () => undefined };
  const now = lines.now ?? Date.now;
  const startedAt = now();
  let total = 0;
  let done = 0;
  const remaining = () => describeRemaining(estimateRemainingMs(done, total - done, now() - startedAt));
  if (!out.interactive)
    return lineProgress(
      out,
      lines,
      now,
      { get: () => [done, total], remaining },
      {
        setTotal: (n) => (total = n),
        add: (n) => (done += n),
      },
    );
  const bar = new SingleBar(
    {
      stream: out.stderr,
      format: 'invitations [{bar}] {value}/{total} rows | {remaining}',
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let stopped = false;
  // A forced exit skips stop(); the cursor must not stay hidden in the user's terminal.
  const showCursor = () => out.stderr.write('\x1b[?25h');
  process.once('exit', showCursor);
  return {
    setTotal: (n) => {
      total = n;
      if (!stopped && done === 0) bar.start(n, 0, { remaining: remaining() });
      else bar.setTotal(n);
    },
    increment: (n = 1) => {
      done += n;
      bar.update(done, { remaining: remaining() });
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
      process.off('exit', showCursor);
    },
  };
}

function lineProgress(
  out: Output,
  options: LineProgressOptions,
  now: () => number,
  state: { get: () => [number, number]; remaining: () => string },
  update: { setTotal: (n: number) => void; add: (n: number) => void },
): Progress {
  const everyRows = options.everyRows ?? 100;
  const everyMs = options.everyMs ?? 5000;
  let lastRows = 0;
  let lastAt = now();
  return {
    setTotal: update.setTotal,
    increment: (n = 1) => {
      update.add(n);
      const [done, total] = state.get();
      const at = now();
      if (done - lastRows < everyRows && at - lastAt < everyMs) return;
      lastRows = done;
      lastAt = at;
      out.info(`progress: ${done}/${total} rows, ${state.remaining()}`);
    },
    stop: () => undefined,
  };
}
