/**
 * What keeps the Send Invitation workflow from staying half-changed, for every `workflow` command:
 * the `--backup-dir` option naming where backups and change journals live; a check, before
 * anything else, for a change an earlier process left unfinished (killed, closed terminal, lost
 * connection), which is finished or rolled back with a line saying which; and, while a change is
 * being written, Ctrl+C / SIGTERM / SIGHUP deferred until the sequence has ended, so a signal can
 * never leave the definition in Draft.
 */
import { Option } from 'commander';
import type { WorkflowService } from '../sdk/workflows/index';
import type { CommandContext } from './command';
import { InterruptedError, STOP_SIGNALS } from './interrupt';

/** Where backups and journals go unless --backup-dir says otherwise. */
export const DEFAULT_BACKUP_DIR = '.backups';

/** `--backup-dir <dir>`: shared by the workflow commands. */
export function backupDirOption(): Option {
  return new Option(
    '--backup-dir <dir>',
    'directory of template backups and of the journal of a change in progress (checked first)',
  ).default(DEFAULT_BACKUP_DIR);
}

/**
 * Finishes or rolls back interrupted changes journalled in `directories`, telling the user which.
 * @param lenient - report a change that cannot be recovered as a warning instead of failing (for
 *   read-only commands such as `workflow show`)
 */
export async function recoverInterruptedChanges(
  ctx: CommandContext,
  service: WorkflowService,
  directories: string[],
  lenient = false,
): Promise<void> {
  for (const directory of [...new Set(directories)]) {
    try {
      for (const recovered of await service.recoverInterrupted(directory)) {
        if (recovered.outcome === 'in-progress' || recovered.outcome === 'other-environment')
          ctx.out.warn(recovered.message);
        else ctx.out.info(recovered.message);
      }
    } catch (error) {
      if (!lenient) throw error;
      ctx.out.warn(error instanceof Error ? error.message : String(error));
    }
  }
}

/** Stop signals held back while a change is written; see {@link deferStopSignals}. */
export interface DeferredSignals {
  /** Stops holding the signals back (call once the sequence has ended, in `finally`). */
  release(): void;
  /** Throws an InterruptedError (exit 128 + the number) if a signal arrived meanwhile. */
  throwIfReceived(): void;
}

/**
 * Holds Ctrl+C, SIGTERM and SIGHUP back while a write sequence runs: it finishes (or rolls back)
 * in any case, and the command then ends with 128 + the signal's number.
 */
export function deferStopSignals(ctx: CommandContext): DeferredSignals {
  let received: NodeJS.Signals | undefined;
  const hold = (signal: NodeJS.Signals) => {
    ctx.out.info(
      `${signal}: finishing the workflow change first, so the workflow is not left in Draft; stopping right after.`,
    );
    received ??= signal;
  };
  for (const signal of STOP_SIGNALS) process.on(signal, hold);
  return {
    release: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, hold);
    },
    throwIfReceived: () => {
      if (received) {
        throw new InterruptedError(
          received,
          `Stopped by ${received}; the workflow change was completed first.`,
        );
      }
    },
  };
}
