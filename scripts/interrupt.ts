/**
 * Stopping long work cleanly on Ctrl+C (SIGINT), SIGTERM or a closed terminal (SIGHUP): the first
 * signal asks the work to stop taking new rows and lets what is in flight finish; a second signal,
 * or the grace period running out, ends the process at once after a last synchronous save. The
 * exit code is the shell's convention, 128 + the signal number (130 for SIGINT, 143 for SIGTERM).
 */
import { CliError, ExitCode } from './errors';

/** Signals long commands treat as "stop". */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const EXIT_CODES: Partial<Record<NodeJS.Signals, ExitCode>> = {
  SIGHUP: ExitCode.HangUp,
  SIGINT: ExitCode.Interrupted,
  SIGTERM: ExitCode.Terminated,
};

/** 128 + the signal's number: what a shell reports for a process ended by it. */
export function exitCodeForSignal(signal: NodeJS.Signals): ExitCode {
  return EXIT_CODES[signal] ?? ExitCode.Interrupted;
}

/** Raised when a command stopped because of a signal; its exit code is 128 + the signal number. */
export class InterruptedError extends CliError {
  /**
   * @param signal - the signal that stopped the command
   * @param message - what was done and what was not
   * @param hint - how to continue (e.g. the command with --resume)
   */
  constructor(
    readonly signal: NodeJS.Signals,
    message: string,
    hint?: string,
  ) {
    super(message, hint);
  }

  override get exitCode(): ExitCode {
    return exitCodeForSignal(this.signal);
  }
}

/** Options of {@link watchStopSignals}. */
export interface StopOptions {
  /** Told once, on the first signal (e.g. to print "stopping after the requests in flight"). */
  onStop?: (signal: NodeJS.Signals) => void;
  /**
   * Called synchronously just before a forced exit (second signal or grace period over): save what
   * is known, restore the terminal. The process then exits with 128 + the signal number.
   */
  onForce?: (signal: NodeJS.Signals, why: 'again' | 'timeout') => void;
  /** How long (ms) in-flight work may take after the first signal; default 30000. */
  graceMs?: number;
}

/** A watch over the stop signals; dispose it when the work is done. */
export interface StopWatch {
  /** Aborted by the first signal. */
  readonly signal: AbortSignal;
  /** The first signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  dispose(): void;
}

/** Installs the handlers (replacing Node's default of dying at once) until disposed. */
export function watchStopSignals(options: StopOptions = {}): StopWatch {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let timer: NodeJS.Timeout | undefined;
  const force = (signal: NodeJS.Signals, why: 'again' | 'timeout') => {
    try {
      options.onForce?.(signal, why);
    } finally {
      process.exit(exitCodeForSignal(received ?? signal));
    }
  };
  const handler = (signal: NodeJS.Signals) => {
    if (received) return force(signal, 'again');
    received = signal;
    controller.abort(signal);
    options.onStop?.(signal);
    timer = setTimeout(() => force(signal, 'timeout'), options.graceMs ?? 30_000);
    timer.unref();
  };
  for (const name of STOP_SIGNALS) process.on(name, handler);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    dispose() {
      if (timer) clearTimeout(timer);
      for (const name of STOP_SIGNALS) process.off(name, handler);
    },
  };
}
