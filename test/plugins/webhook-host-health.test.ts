/**
 * `GET /health`: whether the host can reach Dataverse (a WhoAmI with a short timeout), cached so
 * probes cannot flood Dataverse, and never showing the webhook key or a token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HealthCheck } from '../../plugins/host/health';
import { startWebhookHost, type WebhookHost } from '../../plugins/host/server';
import { DataverseClient, StaticTokenCredential } from '../../sdk/client/index';
import type { WhoAmIResponse } from '../../sdk/client/types';
import { FakeClient } from './support/fake-client';

/** The fake as the client type the host takes. */
const clientOf = (fake: FakeClient): DataverseClient => fake as unknown as DataverseClient;

const KEY = 'health-test-key-not-a-secret';
const WHO: WhoAmIResponse = {
  UserId: '00000000-0000-0000-0000-00000000000a',
  BusinessUnitId: '00000000-0000-0000-0000-00000000000b',
  OrganizationId: '00000000-0000-0000-0000-00000000000c',
};

let host: WebhookHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** A FakeClient whose WhoAmI does what `whoAmI` says. */
function clientWith(whoAmI: () => Promise<WhoAmIResponse>): DataverseClient {
  return clientOf(Object.assign(new FakeClient(), { whoAmI }));
}

async function health(
  client: DataverseClient,
  healthTimeoutMs = 200,
): Promise<{ status: number; body: unknown }> {
  host = await startWebhookHost({ key: KEY, client, healthTimeoutMs });
  const response = await fetch(`${host.url}/health`);
  return { status: response.status, body: await response.json() };
}

/** A server that accepts requests and never answers them. */
async function silentServer(): Promise<{ url: string; server: Server }> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('GET /health', () => {
  it('answers 200 reachable when WhoAmI succeeds', async () => {
    expect(await health(clientWith(async () => WHO))).toEqual({
      status: 200,
      body: { status: 'ok', dataverse: 'reachable' },
    });
  });

  it('answers 503 unreachable with the reason when Dataverse refuses connections', async () => {
    const { url, server } = await silentServer();
    server.close();
    const client = new DataverseClient({ url, credential: new StaticTokenCredential('t'), maxAttempts: 1 });
    // A refused connection fails at once; the long timeout only keeps a busy machine from turning it into a timeout.
    const answer = await health(client, 10_000);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ status: 'degraded', dataverse: 'unreachable' });
    expect((answer.body as { error: string }).error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('answers 503 once WhoAmI takes longer than healthTimeoutMs', async () => {
    const { url, server } = await silentServer();
    try {
      const client = new DataverseClient({ url, credential: new StaticTokenCredential('t') });
      const answer = await health(client, 100);
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({
        status: 'degraded',
        dataverse: 'unreachable',
        error: expect.stringMatching(/^WhoAmI did not succeed within 100 ms/),
      });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('never shows the webhook key or a token in the reason', async () => {
    const token = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln';
    const answer = await health(
      clientWith(async () => {
        throw new Error(`401 for ${KEY} with Authorization: Bearer ${token} at /api?code=${KEY}`);
      }),
    );
    const text = JSON.stringify(answer.body);
    expect(answer.status).toBe(503);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(token);
  });
});

describe('HealthCheck', () => {
  it('reuses one answer for healthCacheMs, then asks Dataverse again', async () => {
    let now = 1_000;
    let calls = 0;
    const check = new HealthCheck(
      { whoAmI: async () => (calls++, WHO) },
      { timeoutMs: 100, cacheMs: 5_000, secrets: [], now: () => now },
    );
    await check.answer();
    now += 4_999;
    await check.answer();
    expect(calls).toBe(1);
    now += 1;
    await check.answer();
    expect(calls).toBe(2);
  });

  it('shares one WhoAmI among probes arriving together', async () => {
    let calls = 0;
    const check = new HealthCheck(
      { whoAmI: async () => (calls++, WHO) },
      { timeoutMs: 100, cacheMs: 0, secrets: [] },
    );
    await Promise.all([check.answer(), check.answer(), check.answer()]);
    expect(calls).toBe(1);
  });
});
