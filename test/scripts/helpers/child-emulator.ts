/**
 * The built emulator (`portal-invite emulator`) as a separate process on a database file, so a
 * test can kill it with SIGKILL mid-run and start it again on the same data, as a crashed server.
 */
import { CLI } from './build';
import { startScript, type LongRunning } from './long-running';

/** A running emulator process. */
export interface ChildEmulator {
  url: string;
  /** Kills it with SIGKILL (no chance to clean up) and waits until it is gone. */
  kill9(): Promise<void>;
  /** Stops it normally. */
  stop(): Promise<void>;
}

/** Starts `portal-invite emulator --port 0 --db <dbFile> --seed --json` in `cwd`. */
export async function startChildEmulator(dbFile: string, cwd: string): Promise<ChildEmulator> {
  const process: LongRunning = startScript(
    CLI,
    ['emulator', '--port', '0', '--db', dbFile, '--seed', '--json'],
    cwd,
  );
  await process.waitForOutput('"apiUrl"', 30_000);
  const url = (JSON.parse(process.stdout()) as { url: string }).url;
  return {
    url,
    kill9: async () => {
      await process.stop('SIGKILL');
    },
    stop: async () => {
      await process.stop('SIGTERM');
    },
  };
}
