/** Running the built CLI as a child process, the way a user would, and capturing what it prints. */
import { spawn } from 'node:child_process';
import { CLI, ROOT } from './build';

/** What one run of the CLI did. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const REMOVED = ['DATAVERSE_URL', 'DATAVERSE_TOKEN', 'PORTAL_INVITE_WEBHOOK_KEY', 'PLUGIN_HOST_KEY'];

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Extra environment variables (the test process's DATAVERSE_URL and AZURE_* are removed first). */
  env?: Record<string, string>;
  /** Written to stdin, then stdin is closed. */
  input?: string;
  cwd?: string;
  /** Kill the process after this long (ms). */
  timeoutMs?: number;
}

/**
 * The test process's environment without what would point the CLI elsewhere or hand it a secret
 * (DATAVERSE_URL, DATAVERSE_TOKEN, AZURE_*, the webhook key), plus `extra`.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('AZURE_') || REMOVED.includes(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Runs `node dist/scripts/cli.js <args>` asynchronously (the emulator runs in this test process,
 * so the event loop must stay free while the child talks to it).
 */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
