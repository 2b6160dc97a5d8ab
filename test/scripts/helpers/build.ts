/**
 * Builds the package once per test run when dist/ is missing or older than the sources, so the
 * end-to-end tests drive the real `node dist/scripts/cli.js` a user would run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Repository root. */
export const ROOT = join(__dirname, '..', '..', '..');
/** The built CLI. */
export const CLI = join(ROOT, 'dist', 'scripts', 'cli.js');
/** The built `npm start` script. */
export const START = join(ROOT, 'dist', 'scripts', 'start.js');

const SOURCE_DIRS = ['sdk', 'plugins', 'scripts', 'emulator'];
const LOCK = join(ROOT, 'dist', '.e2e-build.lock');
const LOCK_STALE_MS = 5 * 60_000;

function newestSourceMtime(): number {
  let newest = 0;
  for (const dir of SOURCE_DIRS) {
    const full = join(ROOT, dir);
    if (!existsSync(full)) continue;
    for (const entry of readdirSync(full, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) {
        newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
      }
    }
  }
  return newest;
}

function isFresh(): boolean {
  return existsSync(CLI) && statSync(CLI).mtimeMs >= newestSourceMtime();
}

function blockFor(ms: number): void {
  // Jest runs test files in parallel workers; the ones not building wait synchronously for the lock.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Makes sure dist/scripts/cli.js exists and is newer than every source file. tsc still emits when
 * files elsewhere have type errors, so its exit code is not checked, only the output.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS)
        rmSync(LOCK, { recursive: true, force: true });
      blockFor(250);
      if (isFresh()) return;
    }
  }
  try {
    if (isFresh()) return;
    const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    if (!existsSync(CLI)) {
      throw new Error(`The build did not produce ${CLI}:\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
