/**
 * One run at a time per bulk job: a lock file next to the results file holds the running
 * process's id. A second run of the same job (another terminal, a scheduler overlapping itself)
 * is refused instead of sending alongside the first; a lock left by a process that no longer
 * exists (killed with SIGKILL, a crashed machine) is taken over.
 */
import { hostname } from 'node:os';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors';

/** The lock file belonging to a results file. */
export function lockFileFor(resultsFile: string): string {
  return `${resultsFile}.lock`;
}

/** A held lock; release it when the run ends (also done on process exit). */
export interface JobLock {
  release(): void;
}

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
}

function isRunning(lock: LockContent): boolean {
  if (lock.host !== hostname()) return true;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return parsed as LockContent;
  } catch {
    // Missing, or a lock cut short: treat as not held.
  }
  return undefined;
}

/**
 * Takes the job's lock.
 * @throws UsageError when another live process holds it
 */
export function acquireJobLock(resultsFile: string, now: () => Date = () => new Date()): JobLock {
  const file = lockFileFor(resultsFile);
  const content = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: now().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, content, { flag: 'wx' });
      const release = () => {
        if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readLock(file);
      if (held && isRunning(held)) {
        throw new UsageError(
          `Another portal-invite (process ${held.pid} on ${held.host}, started ${held.startedAt}) is running this job (lock: ${file}).`,
          'Wait for it to finish, or stop it (Ctrl+C) and run again with --resume. If no such process exists, delete the lock file.',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new UsageError(`Could not take the job lock ${file}.`, 'Run the command again.');
}
