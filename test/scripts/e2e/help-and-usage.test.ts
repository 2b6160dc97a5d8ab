import { spawn } from 'node:child_process';
import { ensureBuilt, ROOT } from '../helpers/build';
import { cleanEnv, runCli, type CliRun } from '../helpers/run-cli';

const COMMANDS = [
  ['workflow', 'show'],
  ['workflow', 'deactivate'],
  ['workflow', 'activate'],
  ['workflow', 'patch-template'],
  ['workflow', 'restore'],
  ['invite', 'create'],
  ['invite', 'send'],
  ['invite', 'list'],
  ['invite', 'redeem'],
  ['invite', 'revoke'],
  ['invite', 'bulk'],
  ['solution', 'pack'],
  ['solution', 'unpack'],
  ['solution', 'import'],
  ['solution', 'export'],
  ['webhooks', 'register'],
  ['plugins', 'serve'],
  ['emulator'],
];

beforeAll(() => ensureBuilt(), 180_000);

describe('portal-invite --help', () => {
  it('exits 0 and lists every command group with global options and examples', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const group of ['workflow', 'invite', 'solution', 'webhooks', 'plugins', 'emulator']) {
      expect(run.stdout).toContain(group);
    }
    expect(run.stdout).toMatch(/--url <url>[\s\S]*--json[\s\S]*--verbose/);
    expect(run.stdout).toContain('Examples:');
  });

  it.each(COMMANDS.map((c) => c.join(' ')))(
    'documents "%s" with its options and examples',
    async (command) => {
      const run = await runCli([...command.split(' '), '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: portal-invite ${command}`);
      expect(run.stdout).toContain('Examples:');
      expect(run.stdout).toContain('--url <url>');
    },
  );
});

/** Runs `npm run --silent <script> -- <args>` in the repository, as a contributor would. */
function npmRun(script: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run emulator / plugins', () => {
  it('reaches `portal-invite emulator`', async () => {
    const run = await npmRun('emulator', ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: portal-invite emulator');
    expect(run.stdout).toContain('--limit-requests <n>');
  });

  it('reaches `portal-invite plugins serve`', async () => {
    const run = await npmRun('plugins', ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: portal-invite plugins serve');
    expect(run.stdout).toContain('--key <secret>');
  });
});

describe('bad usage', () => {
  it('exits 2 for an unknown option and points at --help', async () => {
    const run = await runCli(['invite', 'list', '--colour', 'red']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--colour'");
    expect(run.stderr).toContain('--help');
  });

  it('exits 2 when a required option is missing', async () => {
    const run = await runCli(['workflow', 'patch-template', '--subject', 'Hi']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '--body-file <file.html>' not specified");
  });

  it('exits 2 for a group without a command', async () => {
    const run = await runCli(['invite']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: portal-invite invite');
  });

  it('exits 2 for an expiry that is not a date or duration, saying what to give', async () => {
    const run = await runCli(['invite', 'create', '--contact', 'a@example.com', '--expires', 'soon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"soon" is not an expiry');
    expect(run.stderr).toContain('30d');
  });

  it('exits 2 for a non-https webhook host', async () => {
    const run = await runCli([
      'webhooks',
      'register',
      '--host-url',
      'http://hooks.example.com',
      '--key',
      'k',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--host-url must use https');
  });

  it('exits 2 for a --status outside the choices', async () => {
    const run = await runCli(['invite', 'list', '--status', 'lost']);
    expect(run.code).toBe(2);
  });
});

describe('failures', () => {
  it('exits 1 with what to do, and no stack trace, when nothing listens at --url', async () => {
    const run = await runCli(['invite', 'list', '--url', 'http://127.0.0.1:9']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/portal-invite emulator|npm start/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a failure as JSON on stderr with its stable kind under --json', async () => {
    const run = await runCli(['invite', 'list', '--url', 'http://127.0.0.1:9', '--json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    // Retry notes come first on stderr; the error is the last line.
    const last = run.stderr.trim().split('\n').pop() ?? '';
    expect(JSON.parse(last)).toMatchObject({ error: { kind: 'connection', status: 0 } });
  });

  it('prints the stack trace with --verbose', async () => {
    const run = await runCli(['invite', 'list', '--url', 'http://127.0.0.1:9', '--verbose']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it('names the missing environment variable for a remote URL without credentials', async () => {
    const run = await runCli(['invite', 'list', '--url', 'https://contoso.crm.dynamics.com']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('AZURE_TENANT_ID');
  });
});
