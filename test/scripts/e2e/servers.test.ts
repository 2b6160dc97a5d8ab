import { CLI, ensureBuilt } from '../helpers/build';
import { startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { startScript, type LongRunning } from '../helpers/long-running';
import { runCli } from '../helpers/run-cli';

beforeAll(() => ensureBuilt(), 180_000);

const running: LongRunning[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop('SIGKILL');
});

function start(args: string[]): LongRunning {
  const p = startScript(CLI, args, tempDir('servers'));
  running.push(p);
  return p;
}

describe('portal-invite emulator', () => {
  it('serves a seeded emulator the other commands can use, until Ctrl+C', async () => {
    const p = start(['emulator', '--port', '0', '--memory', '--seed']);
    await p.waitForOutput('Ctrl+C to stop');
    const url = /Dataverse emulator on (http:\/\/127\.0\.0\.1:\d+)/.exec(p.output())![1];
    const shown = await runCli(['workflow', 'show', '--url', url]);
    expect(shown.code).toBe(0);
    expect(await p.stop('SIGINT')).toBe(0);
    expect(p.output()).toContain('Stopped.');
  });
});

describe('plugins serve and webhooks register', () => {
  let emulator: TestEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(() => emulator.close());

  async function serve(): Promise<string> {
    const p = start(['plugins', 'serve', '--port', '0', '--key', 'test-webhook-key', '--url', emulator.url]);
    await p.waitForOutput('Ctrl+C to stop');
    return /register (http:\/\/\S+) \(/.exec(p.output())![1];
  }

  it('registers the endpoint and steps, and updates them when run again', async () => {
    const webhookUrl = await serve();
    const register = () =>
      runCli(['webhooks', 'register', '--host-url', webhookUrl, '--url', emulator.url, '--json'], {
        env: { PORTAL_INVITE_WEBHOOK_KEY: 'test-webhook-key' },
      });
    const first = await register();
    expect(first.code).toBe(0);
    const second = await register();
    expect(second.code).toBe(0);
    const a = JSON.parse(first.stdout) as { endpointId: string; steps: { id: string; action: string }[] };
    const b = JSON.parse(second.stdout) as { endpointId: string; steps: { id: string; action: string }[] };
    expect(b.endpointId).toBe(a.endpointId);
    expect(b.steps.map((s) => s.id)).toEqual(a.steps.map((s) => s.id));
    expect(b.steps.every((s) => s.action === 'updated')).toBe(true);
  });

  it('never prints the key', async () => {
    const webhookUrl = await serve();
    const run = await runCli([
      'webhooks',
      'register',
      '--host-url',
      webhookUrl,
      '--key',
      'test-webhook-key',
      '--url',
      emulator.url,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('test-webhook-key');
  });

  it('refuses to serve without a key, as bad usage', async () => {
    const run = await runCli(['plugins', 'serve', '--port', '0', '--url', emulator.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PORTAL_INVITE_WEBHOOK_KEY');
  });
});
