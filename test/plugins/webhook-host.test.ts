import { PluginError, StepRegistry, buildContext } from '../../plugins/pipeline';
import { deliveryId, startWebhookHost, type WebhookHost } from '../../plugins/host/server';
import {
  parseRemoteExecutionContext,
  serializeRemoteExecutionContext,
  type RemoteExecutionContext,
} from '../../sdk/webhooks';
import { FakeClient } from './support/fake-client';

/** The fake as the client type the host takes. */

const KEY = 'test-webhook-key-not-a-secret';

/** What the test step sees and does; reset before each test. */
const state = { calls: 0, behaviour: 'ok' as 'ok' | 'refuse' | 'crash' };
let host: WebhookHost;

beforeEach(async () => {
  state.calls = 0;
  state.behaviour = 'ok';
  const registry = new StepRegistry();
  registry.register(
    { name: 'validate', message: 'Create', entity: 'adx_invitation', stage: 20, mode: 0, handler: 'test' },
    async () => {
      state.calls++;
      if (state.behaviour === 'refuse') throw new PluginError('The invitation code is already used.');
      if (state.behaviour === 'crash') throw new Error('internal detail: db password wrong');
    },
  );
  const whoAmI = async () => ({ UserId: KEY, BusinessUnitId: KEY, OrganizationId: KEY });
  host = await startWebhookHost({
    key: KEY,
    client: Object.assign(new FakeClient(), { whoAmI }),
    registry,
    maxBodyBytes: 4096,
  });
});

afterEach(() => host.close());

function context(overrides: Partial<RemoteExecutionContext> = {}): RemoteExecutionContext {
  return {
    ...buildContext({
      message: 'Create',
      entity: 'adx_invitation',
      stage: 20,
      target: {
        logicalName: 'adx_invitation',
        id: '00000000-0000-0000-0000-000000000000',
        attributes: { adx_name: 'x' },
      },
    }),
    ...overrides,
  };
}

function post(body: unknown, options: { query?: string; headers?: Record<string, string> } = {}) {
  const query = options.query ?? `?code=${KEY}`;
  return fetch(`${host.webhookUrl}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const payload = (ctx = context()) => serializeRemoteExecutionContext(ctx);

describe('webhook host', () => {
  it('answers GET /health without the key, saying whether Dataverse is reachable', async () => {
    const response = await fetch(`${host.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', dataverse: 'reachable' });
  });

  it('runs the step and answers 200 for a valid delivery with ?code=', async () => {
    const response = await post(payload());
    expect(response.status).toBe(200);
    expect(state.calls).toBe(1);
  });

  it('accepts the key from an x-api-key header', async () => {
    const response = await post(payload(), { query: '', headers: { 'x-api-key': KEY } });
    expect(response.status).toBe(200);
  });

  it('answers 401 without details for a wrong key, running nothing', async () => {
    const response = await post(payload(), { query: '?code=wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'Unauthorized', message: 'Unauthorized.' } });
    expect(state.calls).toBe(0);
  });

  it('answers 401 when no key is presented', async () => {
    expect((await post(payload(), { query: '' })).status).toBe(401);
  });

  it('answers 400 naming the problem for a body that is not JSON', async () => {
    const response = await post('{not json');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /not valid JSON/,
    );
  });

  it('answers 400 naming the missing field for JSON that is not an execution context', async () => {
    const body = payload();
    delete body.MessageName;
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/MessageName/);
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await post(payload(context({ organizationName: 'x'.repeat(5000) })));
    expect(response.status).toBe(413);
    expect(state.calls).toBe(0);
  });

  it('answers 413 when Dataverse trimmed the Target a synchronous step needs', async () => {
    const response = await post(payload(context({ inputParameters: {} })), {
      headers: { 'x-ms-dynamics-msg-size-exceeded': 'true' },
    });
    expect(response.status).toBe(413);
  });

  it('applies a delivery repeated with the same request id once, answering both alike', async () => {
    const body = payload();
    const first = await post(body);
    const second = await post(body);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get('x-duplicate-delivery')).toBe('true');
    expect(state.calls).toBe(1);
  });

  it("answers 400 with the PluginError's message for the user", async () => {
    state.behaviour = 'refuse';
    const response = await post(payload());
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: '0x80040265', message: 'The invitation code is already used.' },
    });
  });

  it('answers 500 without the internal message or a stack trace for an unexpected error', async () => {
    state.behaviour = 'crash';
    const response = await post(payload());
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toMatch(/password|at .*\.ts/);
  });

  it('runs a redelivery again after an unexpected error', async () => {
    state.behaviour = 'crash';
    const body = payload();
    await post(body);
    state.behaviour = 'ok';
    expect((await post(body)).status).toBe(200);
    expect(state.calls).toBe(2);
  });
});

describe('deliveryId', () => {
  it('tells apart two rows written by the same request', () => {
    const a = context();
    const b = {
      ...a,
      inputParameters: {
        Target: { logicalName: 'adx_invitation', id: a.primaryEntityId, attributes: { adx_name: 'other' } },
      },
    };
    expect(deliveryId(a)).not.toBe(deliveryId(b));
  });

  it('is the same for a redelivery of the same context', () => {
    const a = context();
    expect(deliveryId(parseRemoteExecutionContext(JSON.parse(JSON.stringify(payload(a)))))).toBe(
      deliveryId(a),
    );
  });
});
