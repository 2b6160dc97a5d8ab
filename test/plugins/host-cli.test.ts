/**
 * The webhook host from the command line: `portal-invite plugins serve` (what `npm run plugins`
 * runs), driven as a user would, through the built CLI.
 */
import { WEBHOOK_PATH } from '../../plugins/host/server';
import { rawConnection } from '../support/raw-http';
import { ServiceEndpointTable } from '../../sdk/entities/index';
import { CLI, ensureBuilt } from '../scripts/helpers/build';
import { startTestEmulator, tempDir, type TestEmulator } from '../scripts/helpers/emulator';
import { startScript, type LongRunning } from '../scripts/helpers/long-running';
import { runCli } from '../scripts/helpers/run-cli';
import { createServer } from 'node:net';

beforeAll(() => ensureBuilt(), 180_000);

const KEY = 'cli-key-not-a-secret';
const running: LongRunning[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop('SIGKILL');
});

function serve(args: string[], env: Record<string, string> = {}): LongRunning {
  const p = startScript(CLI, ['plugins', 'serve', '--port', '0', ...args], tempDir('host-cli'), env);
  running.push(p);
  return p;
}

/** A port nothing listens on (for now). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function hostUrl(p: LongRunning): string {
  return /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(p.output())![1];
}

describe('portal-invite plugins serve', () => {
  it('starts with the key from PORTAL_INVITE_WEBHOOK_KEY and never prints it', async () => {
    const p = serve([], { PORTAL_INVITE_WEBHOOK_KEY: KEY });
    await p.waitForOutput('Ctrl+C to stop');
    // /health asks Dataverse (none runs here); a delivery without the key proves the host is up.
    expect((await fetch(`${hostUrl(p)}/api/webhooks/dataverse`, { method: 'POST' })).status).toBe(401);
    expect(p.output()).not.toContain(KEY);
  });

  it('stops cleanly on Ctrl+C', async () => {
    const p = serve(['--key', KEY]);
    await p.waitForOutput('Ctrl+C to stop');
    expect(await p.stop('SIGINT')).toBe(0);
    expect(p.output()).toContain('Stopped.');
  });

  it('refuses to start without a key, as bad usage naming PORTAL_INVITE_WEBHOOK_KEY', async () => {
    const run = await runCli(['plugins', 'serve', '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--key <secret> or set PORTAL_INVITE_WEBHOOK_KEY');
  });

  it('says that PLUGIN_HOST_KEY is no longer read, without using it', async () => {
    const run = await runCli(['plugins', 'serve', '--port', '0'], { env: { PLUGIN_HOST_KEY: KEY } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PLUGIN_HOST_KEY is no longer read: rename it to PORTAL_INVITE_WEBHOOK_KEY');
    expect(run.stderr).not.toContain(KEY);
  });

  it('refuses a port that is not a number, as bad usage', async () => {
    const run = await runCli(['plugins', 'serve', '--port', 'abc', '--key', 'k']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('port number 0-65535');
  });

  it('talks to the local emulator when neither --url nor DATAVERSE_URL is set', async () => {
    const p = serve(['--key', KEY]);
    await p.waitForOutput('Ctrl+C to stop');
    expect(p.output()).toContain('for http://127.0.0.1:5170;');
  });

  it('talks to a local DATAVERSE_URL without AZURE_* variables', async () => {
    const p = serve(['--key', KEY], { DATAVERSE_URL: 'http://127.0.0.1:5399' });
    await p.waitForOutput('Ctrl+C to stop');
    expect(p.output()).toContain('for http://127.0.0.1:5399;');
  });

  it('takes the environment from --url', async () => {
    const p = serve(['--key', KEY, '--url', 'http://127.0.0.1:5398']);
    await p.waitForOutput('Ctrl+C to stop');
    expect(p.output()).toContain('for http://127.0.0.1:5398;');
  });

  it('still requires credentials for a remote DATAVERSE_URL', async () => {
    const run = await runCli(['plugins', 'serve', '--port', '0', '--key', 'k'], {
      env: { DATAVERSE_URL: 'https://contoso.crm.dynamics.com' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('AZURE_TENANT_ID');
  });
});

describe('portal-invite plugins serve --register', () => {
  let emulator: TestEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(() => emulator.close());

  /** `plugins serve --register <url>` run to its end (for the cases where it stops by itself). */
  const serveAndRegister = (url: string) =>
    runCli(['plugins', 'serve', '--port', '0', '--key', KEY, '--url', emulator.url, '--register', url]);

  const endpointUrls = async () => {
    const { entitySet, columns } = ServiceEndpointTable;
    const urls: unknown[] = [];
    for await (const row of emulator.client.list(entitySet, { select: [columns.url] }))
      urls.push(row[columns.url]);
    return urls;
  };

  it('checks that the public URL reaches this host, then registers the endpoint and every step', async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const p = startScript(
      CLI,
      [
        'plugins',
        'serve',
        '--port',
        String(port),
        '--key',
        KEY,
        '--url',
        emulator.url,
        '--register',
        publicUrl,
      ],
      tempDir('host-cli'),
    );
    running.push(p);
    await p.waitForOutput('Ctrl+C to stop');
    expect(p.output()).toContain(`${publicUrl}${WEBHOOK_PATH} answered the test delivery (HTTP 200)`);
    expect(p.output()).toMatch(/step created: .+/);
    expect(await endpointUrls()).toEqual([`${publicUrl}${WEBHOOK_PATH}`]);
  });

  it('registers nothing and stops when the public URL does not reach it', async () => {
    const elsewhere = `http://127.0.0.1:${await freePort()}`;
    const run = await serveAndRegister(elsewhere);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`No webhook host answers at ${elsewhere}${WEBHOOK_PATH}`);
    expect(run.stderr).toMatch(/This host listens on http:\/\/127\.0\.0\.1:\d+: make .* reach it/);
    expect(run.stderr).not.toContain(KEY);
    expect(await endpointUrls()).toEqual([]);
  });

  it('registers an unchecked URL with --no-check, saying what that risks', async () => {
    const elsewhere = `http://127.0.0.1:${await freePort()}`;
    const p = serve(['--key', KEY, '--url', emulator.url, '--register', elsewhere, '--no-check']);
    await p.waitForOutput('Ctrl+C to stop');
    expect(p.output()).toContain('without checking that it reaches this host');
    expect(await endpointUrls()).toEqual([`${elsewhere}${WEBHOOK_PATH}`]);
  });

  it('refuses a public URL in plain http to another machine before listening', async () => {
    const run = await serveAndRegister('http://hooks.example.com');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--register must use https');
  });
});

describe('portal-invite plugins serve limits', () => {
  it('cuts off a client that sends its request too slowly, after --request-timeout', async () => {
    const p = serve(['--key', KEY, '--headers-timeout', '1', '--request-timeout', '1']);
    await p.waitForOutput('Ctrl+C to stop');
    const port = Number(new URL(hostUrl(p)).port);
    const started = Date.now();
    // Headers complete, then a body that never arrives: a slowloris on the body.
    const slow = rawConnection(
      port,
      `POST ${WEBHOOK_PATH}?code=${KEY} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
    );
    await slow.closed;
    const heldMs = Date.now() - started;
    expect(heldMs).toBeGreaterThanOrEqual(900);
    expect(heldMs).toBeLessThan(10_000);
  });

  it('refuses a limit that is not a number, as bad usage', async () => {
    const run = await runCli(['plugins', 'serve', '--key', KEY, '--max-concurrent', 'many']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-concurrent');
  });
});
