/**
 * Progress of a bulk job on stderr: a cli-progress bar on a terminal; a plain line every so many
 * rows or seconds when stderr is a pipe or a CI log (so a long job visibly moves); nothing with
 * --json. The summary is printed at the end either way.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { Output } from '../output';

/** What the bulk job reports progress through. */
export interface Progress {
  /** More rows were found in the CSV. */
  setTotal(total: number): void;
  /** One more row finished. */
  increment(): void;
  stop(): void;
}

/** When the plain-line progress prints. */
export interface LineProgressOptions {
  /** Print after this many more rows finished; default 100. */
  everyRows?: number;
  /** Print when a row finishes this long (ms) after the last line; default 5000. */
  everyMs?: number;
  /** Clock (ms); default Date.now. */
  now?: () => number;
}

/**
 * A bar when stderr is a terminal, progress lines when it is not, nothing with --json.
 * @param lines when the lines are printed (non-terminal stderr only)
 */
export function createProgress(out: Output, lines: LineProgressOptions = {}): Progress {
  if (out.json) return { setTotal: () => undefined, increment: () => undefined, stop: () => undefined };
  if (!out.interactive) return lineProgress(out, lines);
  const bar = new SingleBar(
    {
      stream: out.stderr,
      format: 'invitations [{bar}] {value}/{total} rows | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  bar.start(0, 0);
  return {
    setTotal: (total) => bar.setTotal(total),
    increment: () => bar.increment(),
    stop: () => bar.stop(),
  };
}

function lineProgress(out: Output, options: LineProgressOptions): Progress {
  const everyRows = options.everyRows ?? 100;
  const everyMs = options.everyMs ?? 5000;
  const now = options.now ?? Date.now;
  let total = 0;
  let done = 0;
  let lastRows = 0;
  let lastAt = now();
  return {
    setTotal: (n) => {
      total = n;
    },
    increment: () => {
      done += 1;
      const at = now();
      if (done - lastRows < everyRows && at - lastAt < everyMs) return;
      lastRows = done;
      lastAt = at;
      out.info(`progress: ${done} row(s) done of ${Math.max(total, done)} read so far`);
    },
    stop: () => undefined,
  };
}
