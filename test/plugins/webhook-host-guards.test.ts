/**
 * What the host refuses before any step runs: bodies nested too deep (checked without recursion),
 * prototype keys anywhere in the body, and bodies over the size cap (without reading them whole).
 */
import { buildContext, StepRegistry } from '../../plugins/pipeline';
import { startWebhookHost, type WebhookHost } from '../../plugins/host/server';
import { parseRemoteExecutionContext, serializeRemoteExecutionContext } from '../../sdk/webhooks';
import type { RemoteExecutionContext } from '../../sdk/webhooks';
import { rawConnection, statusOf } from '../support/raw-http';
import type { DataverseClient } from '../../sdk/client/index';
import { FakeClient } from './support/fake-client';

/** The fake as the client type the host takes. */
const clientOf = (fake: FakeClient): DataverseClient => fake as unknown as DataverseClient;

const KEY = 'guards-test-key-not-a-secret';
const PATH = `/api/webhooks/dataverse?code=${KEY}`;
let host: WebhookHost;
let runs = 0;

beforeEach(async () => {
  runs = 0;
  const registry = new StepRegistry();
  registry.register(
    { name: 'count', message: 'Create', entity: 'adx_invitation', stage: 20, mode: 0, handler: 'test' },
    async () => {
      runs++;
    },
  );
  host = await startWebhookHost({
    key: KEY,
    client: clientOf(new FakeClient()),
    registry,
    maxBodyBytes: 4096,
  });
});
afterEach(() => host.close());

function context(): RemoteExecutionContext {
  const id = '00000000-0000-0000-0000-000000000002';
  return buildContext({
    message: 'Create',
    entity: 'adx_invitation',
    stage: 20,
    target: { logicalName: 'adx_invitation', id, attributes: { adx_name: 'x' } },
  });
}

const payload = (ctx = context()) => serializeRemoteExecutionContext(ctx);

async function post(body: unknown): Promise<{ status: number; message: string }> {
  const response = await fetch(`${host.webhookUrl}?code=${KEY}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await response.json()) as { error?: { message: string } };
  return { status: response.status, message: json.error?.message ?? '' };
}

describe('JSON depth', () => {
  it('answers 400, not 500, for InputParameters nested 100,000 objects deep', async () => {
    const big = await startWebhookHost({ key: KEY, client: clientOf(new FakeClient()) });
    try {
      const nested = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
      const body = JSON.stringify(payload()).replace(
        '"InputParameters":[',
        `"InputParameters":[{"key":"deep","value":${nested}},`,
      );
      const response = await fetch(`${big.webhookUrl}?code=${KEY}`, { method: 'POST', body });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /more than 64 levels deep/,
      );
    } finally {
      await big.close();
    }
  });

  it('refuses nesting past maxJsonDepth inside an execution context, running nothing', async () => {
    const body = payload();
    body.SharedVariables = [{ key: 'deep', value: JSON.parse(`${'['.repeat(80)}${']'.repeat(80)}`) }];
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(runs).toBe(0);
  });

  it('runs a context with a ParentContext chain 8 deep', async () => {
    let ctx = context();
    for (let i = 0; i < 8; i++) ctx = { ...context(), depth: i + 1, parentContext: ctx };
    const big = await startWebhookHost({
      key: KEY,
      client: clientOf(new FakeClient()),
      registry: new StepRegistry(),
    });
    try {
      const response = await fetch(`${big.webhookUrl}?code=${KEY}`, {
        method: 'POST',
        body: JSON.stringify(payload(ctx)),
      });
      expect(response.status).toBe(200);
    } finally {
      await big.close();
    }
  });
});

describe('prototype keys', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses %s as the key of an InputParameters pair with 400, running nothing',
    async (key) => {
      const body = payload();
      (body.InputParameters as unknown[]).push({ key, value: { polluted: true } });
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expect(answer.message).toMatch(/InputParameters\[1\]\.key/);
      expect(runs).toBe(0);
    },
  );

  it('refuses a JSON key __proto__ deep inside the body, naming where', async () => {
    const body = payload();
    const target = (body.InputParameters as Array<{ value: { Attributes: unknown[] } }>)[0].value;
    target.Attributes.push({ key: 'extra', value: JSON.parse('{"__proto__":{"isAdmin":true}}') });
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.message).toMatch(/InputParameters\[0\]\.value\.Attributes\[1\]\.value\.__proto__/);
    expect(runs).toBe(0);
  });

  it('leaves a __proto__ parameter an ordinary property when the codec reads it in-process', () => {
    const body = JSON.parse(
      JSON.stringify({ ...payload(), SharedVariables: [{ key: '__proto__', value: { isAdmin: true } }] }),
    );
    const ctx = parseRemoteExecutionContext(body);
    expect(Object.getPrototypeOf(ctx.sharedVariables)).toBe(Object.prototype);
    expect((ctx.sharedVariables as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(Object.keys(ctx.sharedVariables)).toEqual(['__proto__']);
  });
});

describe('body size', () => {
  it('answers 413 from the Content-Length alone, before the body is sent', async () => {
    const client = rawConnection(
      host.port,
      `POST ${PATH} HTTP/1.1\r\nHost: t\r\nContent-Length: 10485760\r\n\r\n`,
    );
    expect(statusOf(await client.waitFor(/\r\n\r\n/))).toBe(413);
    client.socket.destroy();
  });

  it('answers 413 as soon as a chunked body passes the limit, before it ends', async () => {
    const client = rawConnection(
      host.port,
      `POST ${PATH} HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = 'a'.repeat(3000);
    client.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    client.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    expect(statusOf(await client.waitFor(/\r\n\r\n/))).toBe(413);
    expect(runs).toBe(0);
    client.socket.destroy();
  });
});
