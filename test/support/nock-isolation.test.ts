/**
 * Proves test/support/nock-isolation.ts in the setting it exists for: several nock-using files in
 * one jest worker under NOCK_BACK_MODE=lockdown, as CI runs them. A child jest runs
 * test/support/nock-chain/*.chain.ts in name order with this repository's setup file; the last
 * file sends a request nock cannot match after two earlier files used their own copies of nock.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CHAIN_DIR = path.join(__dirname, 'nock-chain');

interface ChildRun {
  code: number | null;
  output: string;
}

function runChainFiles(): Promise<ChildRun> {
  const config = {
    rootDir: CHAIN_DIR,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/*.chain.ts'],
    testSequencer: path.join(CHAIN_DIR, 'alphabetical-sequencer.js'),
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(ROOT, 'tsconfig.json') }] },
    setupFilesAfterEnv: [path.join(__dirname, 'nock-isolation.ts')],
  };
  const jest = require.resolve('jest/bin/jest', { paths: [ROOT] });
  const args = [jest, '--config', JSON.stringify(config), '--runInBand', '--ci', '--no-watchman'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', NOCK_BACK_MODE: 'lockdown' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('nock isolation across test files in one worker', () => {
  let run: ChildRun;

  beforeAll(async () => {
    run = await runChainFiles();
  }, 60_000);

  it('an unmatched request after other nock files fails only that request, and the run completes', () => {
    expect(run.output).toMatch(/Tests:\s+4 passed, 4 total/);
    expect(run.code).toBe(0);
  });

  it('the run does not crash the worker on an unhandled socket error', () => {
    expect(run.output).not.toMatch(/ERR_UNHANDLED_ERROR|Unhandled error/);
  });

  it('the run exits promptly once its files end', () => {
    expect(run.output).not.toMatch(/did not exit one second after/);
  });
});
