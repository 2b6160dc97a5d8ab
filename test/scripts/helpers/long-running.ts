/** Driving a long-running built script (npm start, `emulator`, `plugins serve`) from a test. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cleanEnv } from './run-cli';

/** A running child process whose output can be awaited. */
export interface LongRunning {
  /** Everything printed so far on stdout and stderr. */
  output(): string;
  /** Resolves when `text` has been printed; rejects if the process exits first or the time is up. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Sends a signal and resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Sends a signal without waiting for the process to end. */
  signal(signal: NodeJS.Signals): void;
  /** What was printed on stdout only. */
  stdout(): string;
  /** Resolves to the exit code once the process ends by itself. */
  exited: Promise<number | null>;
}

/**
 * Starts `node <script> <args>` in `cwd`, with the test process's environment cleaned as
 * {@link cleanEnv} does, plus `env`.
 */
export function startScript(
  script: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): LongRunning {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [script, ...args], {
    cwd,
    env: cleanEnv(env),
  });
  let output = '';
  let stdout = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    output += d.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
    onData(d);
  });
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    output: () => output,
    stdout: () => stdout,
    signal: (signal) => {
      if (child.exitCode === null) child.kill(signal);
    },
    exited,
    waitForOutput(text, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!output.includes(text)) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`"${text}" was not printed within ${timeoutMs} ms. Output:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        void exited.then((code) => {
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`The process exited (${code}) before printing "${text}". Output:\n${output}`));
        });
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
