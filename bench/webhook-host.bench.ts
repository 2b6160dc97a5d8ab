/**
 * The webhook host under hostile and heavy load, with its default limits, in front of a stub of
 * Dataverse (bench/support/dataverse-stub.ts) that answers the redemption handler after --latency-ms,
 * through a client keeping --dataverse-concurrency requests in flight (each delivery makes six):
 * 1. slowloris: --sockets connections, half trickling their body and half their headers at 1 byte/s:
 *    how many the host still holds one second after the timeout, and how long each was held;
 * 2. the process's RSS before and after --deliveries deliveries, --parallel at a time;
 * 3. --concurrent deliveries at once of a Create of adx_inviteredemption: answers by status (before
 *    and after the one retry Dataverse makes of a 503), p50/p99 latency; then --overload at once,
 *    past the queue and past maxConnections.
 * Run: `npm run build && node --expose-gc dist/bench/webhook-host.bench.js [--sockets 200] [--concurrent 500]
 * [--overload 1500] [--deliveries 10000] [--parallel 32] [--latency-ms 20] [--dataverse-concurrency 16]`
 */
import { connect, type Socket } from 'node:net';
import { DataverseClient, StaticTokenCredential } from '../sdk/client/index';
import {
  EntityCollection,
  EntityReference,
  OptionSetValue,
  serializeRemoteExecutionContext,
} from '../sdk/webhooks/index';
import { createStepRegistry } from '../plugins/handlers/index';
import { buildContext } from '../plugins/pipeline/build-context';
import { startWebhookHost, type WebhookHost } from '../plugins/host/server';
import { startDataverseStub, STUB_IDS } from './support/dataverse-stub';

const KEY = 'bench-webhook-key-not-a-secret';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** The step Dataverse calls for a new adx_inviteredemption, as registered from webhook-steps.json. */
const redeemStep = createStepRegistry().select({
  message: 'Create',
  entity: 'adx_inviteredemption',
  stage: 40,
  mode: 1,
})[0];

/** A body as Dataverse posts it for a Create of adx_inviteredemption (async PostOperation). */
function redemptionBody(): string {
  const id = STUB_IDS.redemption;
  const party = {
    logicalName: 'activityparty',
    id: '77777777-7777-4777-8777-777777777777',
    attributes: {
      partyid: new EntityReference('contact', STUB_IDS.contact, 'Bob Example'),
      participationtypemask: new OptionSetValue(11),
      activityid: new EntityReference('adx_inviteredemption', id),
    },
  };
  const context = buildContext({
    message: 'Create',
    entity: 'adx_inviteredemption',
    stage: 40,
    mode: 1,
    userId: STUB_IDS.user,
    target: {
      logicalName: 'adx_inviteredemption',
      id,
      attributes: {
        activityid: id,
        subject: 'bob@example.com',
        adx_ipaddress: '203.0.113.7',
        regardingobjectid: new EntityReference('adx_invitation', STUB_IDS.invitation, 'Partners'),
        customers: new EntityCollection([party], 'activityparty'),
        statecode: new OptionSetValue(0),
        statuscode: new OptionSetValue(1),
        ownerid: new EntityReference('systemuser', STUB_IDS.user),
        createdon: new Date(),
      },
    },
  });
  context.owningExtension = new EntityReference('sdkmessageprocessingstep', id, redeemStep.name);
  return JSON.stringify(serializeRemoteExecutionContext(context));
}

async function deliver(host: WebhookHost): Promise<{ status: number; ms: number; retryAfter: number }> {
  const started = performance.now();
  try {
    const response = await fetch(`${host.webhookUrl}?code=${KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: redemptionBody(),
    });
    await response.arrayBuffer();
    const retryAfter = Number(response.headers.get('retry-after') ?? 0);
    return { status: response.status, ms: performance.now() - started, retryAfter };
  } catch {
    return { status: 0, ms: performance.now() - started, retryAfter: 0 };
  }
}

/** Opens `count` sockets that trickle one byte a second; resolves with how long each was held. */
async function slowloris(host: WebhookHost, count: number, part: 'body' | 'headers', timeoutMs: number) {
  const head =
    part === 'body'
      ? `POST /api/webhooks/dataverse?code=${KEY} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`
      : `POST /api/webhooks/dataverse?code=${KEY} HTTP/1.1\r\nHost: bench\r\nX-Slow: `;
  const held: number[] = [];
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i++) {
    const socket = connect(host.port, '127.0.0.1');
    const opened = performance.now();
    socket.on('error', () => undefined);
    // Read what the host sends (its 408), so its closing the connection is seen here.
    socket.resume();
    socket.on('close', () => held.push(performance.now() - opened));
    socket.write(head);
    sockets.push(socket);
  }
  const trickle = setInterval(() => {
    for (const socket of sockets) if (!socket.destroyed) socket.write(part === 'body' ? ' ' : 'a');
  }, 1000);
  await new Promise((resolve) => setTimeout(resolve, timeoutMs + 1000));
  const stillHeld = sockets.filter((socket) => !socket.destroyed).length;
  clearInterval(trickle);
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => setImmediate(resolve));
  const cut = held.slice(0, count - stillHeld).sort((a, b) => a - b);
  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `slowloris (${part} at 1 byte/s, timeout ${s(timeoutMs)} s): ${stillHeld} of ${count} still held at ` +
      `${s(timeoutMs + 1000)} s; the others held ${s(cut[0] ?? 0)}–${s(cut[cut.length - 1] ?? 0)} s (median ${s(percentile(cut, 50))} s)`,
  );
}

function byStatus(results: Array<{ status: number }>): string {
  const counts = new Map<number, number>();
  for (const { status } of results) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status === 0 ? 'no answer (connection dropped)' : status} ×${n}`)
    .join(', ');
}

async function burst(host: WebhookHost, concurrent: number): Promise<void> {
  const started = performance.now();
  const first = await Promise.all(Array.from({ length: concurrent }, () => deliver(host)));
  const wall = performance.now() - started;
  const ms = first.map((r) => r.ms).sort((a, b) => a - b);
  console.log(
    `${concurrent} concurrent deliveries: ${byStatus(first)}; p50 ${percentile(ms, 50).toFixed(0)} ms, ` +
      `p99 ${percentile(ms, 99).toFixed(0)} ms, all answered in ${wall.toFixed(0)} ms`,
  );
  // Dataverse retries a 502/503/504 once, here after the Retry-After the host asked for; a dropped
  // connection counts as the 502 a load balancer in front would answer.
  const final = await Promise.all(
    first.map(async (r) => {
      if (r.status !== 0 && (r.status < 502 || r.status > 504)) return r;
      await new Promise((resolve) => setTimeout(resolve, r.retryAfter * 1000 * Math.random()));
      return deliver(host);
    }),
  );
  console.log(`  after Dataverse's one retry of each 503 and dropped connection: ${byStatus(final)}`);
}

async function sustained(host: WebhookHost, deliveries: number, parallel: number): Promise<void> {
  global.gc?.();
  const { rss: before, heapUsed: heapBefore } = process.memoryUsage();
  let next = 0;
  const results: Array<{ status: number }> = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next++ < deliveries) results.push(await deliver(host));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  global.gc?.();
  const { rss: after, heapUsed: heapAfter } = process.memoryUsage();
  console.log(
    `${deliveries.toLocaleString('en')} deliveries, ${parallel} at a time: ${byStatus(results)} in ${seconds.toFixed(1)} s ` +
      `(${(deliveries / seconds).toFixed(0)}/s); RSS ${mb(before)} MB → ${mb(after)} MB (${after >= before ? '+' : ''}${mb(after - before)} MB), ` +
      `heap in use ${mb(heapBefore)} MB → ${mb(heapAfter)} MB` +
      `${global.gc ? '' : ' (run with --expose-gc for settled figures)'}`,
  );
}

async function main(): Promise<void> {
  const stub = await startDataverseStub(arg('latency-ms', 20));
  const client = new DataverseClient({
    url: stub.url,
    credential: new StaticTokenCredential('bench'),
    maxConcurrency: arg('dataverse-concurrency', 16),
  });
  const host = await startWebhookHost({ key: KEY, client });
  try {
    const sockets = arg('sockets', 200);
    await Promise.all([
      slowloris(host, sockets / 2, 'body', host.limits.requestTimeoutMs),
      slowloris(host, sockets / 2, 'headers', host.limits.headersTimeoutMs),
    ]);
    const health = await fetch(`${host.url}/health`);
    console.log(`GET /health: ${health.status} ${await health.text()}`);
    // Memory first, before the bursts have grown the heap.
    await sustained(host, arg('deliveries', 10_000), arg('parallel', 32));
    await burst(host, arg('concurrent', 500));
    const overload = arg('overload', 1500);
    if (overload > 0) await burst(host, overload);
    console.log(`(the stub answered ${stub.requests().toLocaleString('en')} Dataverse requests)`);
  } finally {
    await host.close();
    await stub.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
