/**
 * `webhooks register` checks the host with a signed test delivery before writing anything;
 * `webhooks list` shows what was registered; `webhooks unregister --yes` removes it.
 */
import { startWebhookHost, type WebhookHost } from '../../../plugins/host/index';
import { ServiceEndpointTable, SdkMessageProcessingStepTable } from '../../../sdk/entities/index';
import { ensureBuilt } from '../helpers/build';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { runCli } from '../helpers/run-cli';

const KEY = 'webhook-test-key';
let emulator: TestEmulator;
let host: WebhookHost;

beforeAll(() => ensureBuilt(), 180_000);
beforeEach(async () => {
  emulator = await startTestEmulator();
  host = await startWebhookHost({ key: KEY, client: emulator.client });
});
afterEach(async () => {
  await host.close();
  await emulator.close();
});

const cli = (args: string[], key = KEY) =>
  runCli([...args, '--url', emulator.url], { env: { PORTAL_INVITE_WEBHOOK_KEY: key } });
const endpoints = () => emulator.client.count(ServiceEndpointTable.entitySet);
const steps = () => emulator.client.count(SdkMessageProcessingStepTable.entitySet);

describe('webhooks register', () => {
  it('refuses a host that does not answer and registers nothing', async () => {
    const run = await cli(['webhooks', 'register', '--host-url', 'https://example.invalid']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No webhook host answers at https://example.invalid/api/webhooks/dataverse');
    expect(run.stderr).toContain('nothing was registered');
    expect([await endpoints(), await steps()]).toEqual([0, 0]);
  });

  it('refuses a host that refuses the key and registers nothing', async () => {
    const run = await cli(['webhooks', 'register', '--host-url', host.url], 'another-key');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('refused the key (HTTP 401)');
    expect(await endpoints()).toBe(0);
  });

  it('registers a host that answers the test delivery, which changes nothing there', async () => {
    const run = await cli(['webhooks', 'register', '--host-url', host.url]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('answered the test delivery (HTTP 200)');
    expect(await endpoints()).toBe(1);
    expect(await steps()).toBeGreaterThan(0);
  });

  it('with --no-check registers without asking the host, saying what that risks', async () => {
    const run = await cli(['webhooks', 'register', '--host-url', 'https://example.invalid', '--no-check']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('every create of an invitation fails');
    expect(await endpoints()).toBe(1);
  });
});

describe('webhooks list and unregister', () => {
  beforeEach(async () => {
    expect((await cli(['webhooks', 'register', '--host-url', host.url])).code).toBe(0);
  });

  it('lists the endpoint, its URL and its steps', async () => {
    const run = await cli(['webhooks', 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`→ ${host.webhookUrl}`);
    expect(run.stdout).toMatch(/invitation.*enabled/i);
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it('deletes nothing without --yes, saying what it would delete', async () => {
    const run = await cli(['webhooks', 'unregister']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/deletes 1 service endpoint\(s\) .* and \d+ step\(s\); nothing was deleted/);
    expect(await endpoints()).toBe(1);
  });

  it('with --yes deletes the steps and the endpoint', async () => {
    const run = await cli(['webhooks', 'unregister', '--yes']);
    expect(run.code).toBe(0);
    expect([await endpoints(), await steps()]).toEqual([0, 0]);
    expect((await cli(['webhooks', 'list'])).stdout).toContain('No service endpoint named');
  });
});
