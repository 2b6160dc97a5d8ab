import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { acquireJobLock, lockFileFor } from '../../../scripts/bulk/job-lock';
import { tempDir } from '../helpers/temp-dir';

describe('the job lock', () => {
  const results = () => join(tempDir('lock'), 'results.csv');

  it('is taken and released', () => {
    const file = results();
    const lock = acquireJobLock(file);
    expect(existsSync(lockFileFor(file))).toBe(true);
    lock.release();
    expect(existsSync(lockFileFor(file))).toBe(false);
  });

  it('refuses a second run while a live process holds it', () => {
    const file = results();
    writeFileSync(lockFileFor(file), JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: 'x' }));
    expect(() => acquireJobLock(file)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const file = results();
    writeFileSync(lockFileFor(file), JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), startedAt: 'x' }));
    acquireJobLock(file).release();
    expect(existsSync(lockFileFor(file))).toBe(false);
  });
});
