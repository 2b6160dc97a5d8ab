/** Keeping a server command running until Ctrl+C (SIGINT) or SIGTERM, then closing cleanly. */
import type { Output } from './output';

/** Something to close on shutdown. */
export interface Closeable {
  close(): Promise<void>;
}

/** A shutdown listener; install it before announcing "Ctrl+C to stop" so no signal is missed. */
export interface Shutdown {
  /** Resolves once a signal arrived and every server was closed. */
  done: Promise<void>;
  /** Removes the signal handlers (when giving up before the servers ran). */
  cancel(): void;
}

/**
 * Listens for SIGINT/SIGTERM; on the first, closes `servers` (the array as it is then, newest
 * first). A second Ctrl+C during shutdown exits at once.
 */
export function onShutdown(out: Output, servers: Closeable[]): Shutdown {
  let stopping = false;
  let stop: (signal: NodeJS.Signals) => void = () => undefined;
  const remove = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
  const done = new Promise<void>((resolve, reject) => {
    stop = (signal) => {
      if (stopping) {
        out.info(`${signal} again: exiting without waiting.`);
        process.exit(130);
      }
      stopping = true;
      out.info(`\n${signal}: stopping...`);
      void (async () => {
        for (const server of [...servers].reverse()) await server.close();
        remove();
        out.info('Stopped.');
      })().then(resolve, reject);
    };
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { done, cancel: remove };
}
