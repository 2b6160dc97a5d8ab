/**
 * The host under load: slow clients are cut off (with short timeouts set for the test), deliveries
 * past the concurrency cap get 503 with Retry-After, and close() drains what is in flight.
 */
import { buildContext, StepRegistry } from '../../plugins/pipeline';
import { resolveLimits } from '../../plugins/host/host-options';
import { startWebhookHost, type WebhookHost, type WebhookHostOptions } from '../../plugins/host/server';
import { InvalidArgumentError } from '../../sdk/errors';
import { serializeRemoteExecutionContext } from '../../sdk/webhooks';
import { rawConnection, statusOf } from '../support/raw-http';
import type { DataverseClient } from '../../sdk/client/index';
import { FakeClient } from './support/fake-client';

/** The fake as the client type the host takes. */
const clientOf = (fake: FakeClient): DataverseClient => fake as unknown as DataverseClient;

const KEY = 'limits-test-key-not-a-secret';
const SHORT = { headersTimeoutMs: 150, requestTimeoutMs: 250, keepAliveTimeoutMs: 150 };
const PATH = `/api/webhooks/dataverse?code=${KEY}`;

/** A step that waits until the test opens its gate; `entered` counts the runs that started. */
function gatedStep() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const gate = { entered: 0, open: () => open() };
  const registry = new StepRegistry();
  registry.register(
    { name: 'gated', message: 'Create', entity: 'adx_invitation', stage: 20, mode: 0, handler: 'test' },
    async () => {
      gate.entered++;
      await opened;
    },
  );
  return { gate, registry };
}

let host: WebhookHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start(options: Partial<WebhookHostOptions> = {}): Promise<WebhookHost> {
  host = await startWebhookHost({ key: KEY, client: clientOf(new FakeClient()), ...SHORT, ...options });
  return host;
}

function delivery(): string {
  const id = '00000000-0000-0000-0000-000000000001';
  const ctx = buildContext({
    message: 'Create',
    entity: 'adx_invitation',
    stage: 20,
    target: { logicalName: 'adx_invitation', id, attributes: { adx_name: 'x' } },
  });
  return JSON.stringify(serializeRemoteExecutionContext(ctx));
}

function post(target: WebhookHost, body = delivery()): Promise<Response> {
  return fetch(`${target.webhookUrl}?code=${KEY}`, { method: 'POST', body });
}

/** Resolves once `gate` has seen `count` runs start. */
async function entered(gate: { entered: number }, count: number): Promise<void> {
  while (gate.entered < count) await new Promise((resolve) => setImmediate(resolve));
}

describe('webhook host timeouts', () => {
  it('cuts off a client that sends its body too slowly, answering 408', async () => {
    const { port } = await start();
    const slow = rawConnection(port, `POST ${PATH} HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n{`);
    expect(statusOf(await slow.closed)).toBe(408);
  });

  it('cuts off a client that sends its headers too slowly', async () => {
    const { port } = await start();
    const slow = rawConnection(port, `POST ${PATH} HTTP/1.1\r\nHost: t\r\nX-Slow: a`);
    expect(statusOf(await slow.closed)).toBe(408);
  });

  it('closes a connection that sends nothing', async () => {
    const { port } = await start();
    const text = await rawConnection(port).closed;
    expect(text === '' || statusOf(text) === 408).toBe(true);
  });

  it('lets a delivery run past the request timeout once its body is in', async () => {
    const { gate, registry } = gatedStep();
    const started = await start({ registry });
    const answer = post(started);
    await entered(gate, 1);
    // A connection opened now is cut off after the request timeout: the delivery has outlived it.
    await rawConnection(started.port, `POST ${PATH} HTTP/1.1\r\nHost: t\r\nContent-Length: 9\r\n\r\n`).closed;
    gate.open();
    expect((await answer).status).toBe(200);
  });

  it('closes connections past maxConnections at once', async () => {
    const { port } = await start({ maxConnections: 1, headersTimeoutMs: 5000, requestTimeoutMs: 5000 });
    const first = rawConnection(port);
    await new Promise((resolve) => first.socket.once('connect', resolve));
    expect(await rawConnection(port).closed).toBe('');
    first.socket.destroy();
  });
});

describe('webhook host concurrency cap', () => {
  it('answers 503 with Retry-After once the running and waiting deliveries fill the limits', async () => {
    const { gate, registry } = gatedStep();
    const started = await start({
      registry,
      maxConcurrentRequests: 2,
      maxQueuedRequests: 0,
      retryAfterSeconds: 3,
    });
    const running = [post(started), post(started)];
    await entered(gate, 2);
    const refused = await post(started);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('3');
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/limit/);
    gate.open();
    expect((await Promise.all(running)).map((r) => r.status)).toEqual([200, 200]);
    expect(gate.entered).toBe(2);
  });

  it('lets a delivery past the cap wait for a turn, then runs it', async () => {
    const { gate, registry } = gatedStep();
    const started = await start({ registry, maxConcurrentRequests: 1, maxQueuedRequests: 1 });
    const first = post(started);
    await entered(gate, 1);
    const second = post(started);
    gate.open();
    expect([(await first).status, (await second).status]).toEqual([200, 200]);
    expect(gate.entered).toBe(2);
  });

  it('answers 503 to a delivery whose turn did not come within queueTimeoutMs, running nothing for it', async () => {
    const { gate, registry } = gatedStep();
    const started = await start({ registry, maxConcurrentRequests: 1, queueTimeoutMs: 50 });
    const first = post(started);
    await entered(gate, 1);
    expect((await post(started)).status).toBe(503);
    gate.open();
    expect((await first).status).toBe(200);
    expect(gate.entered).toBe(1);
  });
});

describe('webhook host shutdown', () => {
  it('lets a delivery in flight finish, answering it with connection: close', async () => {
    const { gate, registry } = gatedStep();
    const started = await start({ registry });
    const answer = post(started);
    await entered(gate, 1);
    const closing = started.close();
    gate.open();
    const response = await answer;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    await closing;
  });

  it('refuses new connections once close() is called', async () => {
    const { gate, registry } = gatedStep();
    const started = await start({ registry });
    const answer = post(started);
    await entered(gate, 1);
    const closing = started.close();
    await expect(fetch(`${started.url}/health`)).rejects.toThrow();
    gate.open();
    await answer;
    await closing;
  });

  it('cuts off requests still running after shutdownTimeoutMs', async () => {
    const { gate, registry } = gatedStep();
    const started = await start({ registry, shutdownTimeoutMs: 50 });
    const answer = post(started).then(
      () => 'answered',
      () => 'cut off',
    );
    await entered(gate, 1);
    await started.close();
    expect(await answer).toBe('cut off');
    gate.open();
  });
});

describe('host limits', () => {
  it('refuses a request timeout shorter than the headers timeout', () => {
    expect(() => resolveLimits({ headersTimeoutMs: 2000, requestTimeoutMs: 1000 })).toThrow(
      InvalidArgumentError,
    );
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p as maxConcurrentRequests', (value) => {
    expect(() => resolveLimits({ maxConcurrentRequests: value })).toThrow(/maxConcurrentRequests/);
  });

  it('fills in the defaults: 10 s headers, 15 s body, 5 s keep-alive', () => {
    expect(resolveLimits({})).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 15_000,
      keepAliveTimeoutMs: 5_000,
    });
  });
});
