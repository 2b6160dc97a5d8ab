/**
 * Progress of a bulk job on stderr: a cli-progress bar on a terminal, nothing otherwise (pipes,
 * CI logs and --json stay clean; the summary is printed at the end either way).
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

/** A bar when stderr is a terminal and output is not JSON; otherwise a no-op. */
export function createProgress(out: Output): Progress {
  if (!out.interactive)
    return { setTotal: () => undefined, increment: () => undefined, stop: () => undefined };
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
