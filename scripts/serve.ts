/**
 * Running a server from the command line (`emulator`, `plugins serve`, `npm start`): a port that
 * cannot be listened on explained, and the process kept running until Ctrl+C (SIGINT) or SIGTERM,
 * then every server closed cleanly.
 */
import { CliError } from './errors';
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

/**
 * A CliError for a server that could not listen ("address in use" and friends, told apart by their
 * Node.js error code), or the error itself when it is something else.
 * @param what - the server, for the message ("the emulator")
 */
export function describeListenError(error: unknown, port: number, what: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new CliError(
      `Port ${port} is already in use, so ${what} cannot start.`,
      `Stop whatever listens on ${port} (perhaps another \`npm start\` or \`portal-invite emulator\`), or pick another port with --port (0 = any free port).`,
      { cause: error },
    );
  }
  if (code === 'EACCES') {
    return new CliError(`Not allowed to listen on port ${port}.`, 'Pick a port above 1024 with --port.', {
      cause: error,
    });
  }
  return error;
}
