/**
 * Invitation benchmarks against an in-process emulator (memory database):
 *   1. 10,000 single invitations with createMany vs one by one: HTTP requests and wall time. All
 *      10,000 are created one by one when a 200-row probe says that fits the budget (2 minutes),
 *      otherwise 2,000 are and the output says the one-by-one figures are extrapolated.
 *   2. HTTP round trips per redemption.
 *   3. Redemptions per second with 8 in parallel.
 * Run: npx tsc -p tsconfig.build.json && node dist/bench/invitations.bench.js [--rows 10000]
 *      [--budget-seconds 120] [--fallback 2000] [--redemptions 1000]
 */
import { performance } from 'node:perf_hooks';
import { DataverseClient, StaticTokenCredential } from '../sdk/client/index';
import { InvitationService } from '../sdk/invitations/index';
import { startEmulator } from '../emulator/index';

interface Counted {
  client: DataverseClient;
  requests: () => number;
}

function countingClient(url: string, maxConcurrency = 8): Counted {
  let count = 0;
  const client = new DataverseClient({
    url,
    credential: new StaticTokenCredential('bench-token'),
    maxConcurrency,
    logger: { debug: (message) => void (message.startsWith('→ ') && count++) },
  });
  return { client, requests: () => count };
}

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function seedContacts(
  client: DataverseClient,
  n: number,
  prefix: string,
): Promise<{ emails: string[]; ids: string[] }> {
  const emails = Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`);
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1000) {
    const rows = emails
      .slice(i, i + 1000)
      .map((e, j) => ({ lastname: `${prefix} ${i + j}`, emailaddress1: e }));
    ids.push(...(await client.createMultiple('contacts', 'contact', rows)));
  }
  return { emails, ids };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** How one-by-one creation was measured: all rows, or a part of them within the time budget. */
interface OneByOne {
  measured: number;
  requests: number;
  ms: number;
  /** Estimated wall time for all rows after the probe (what decided measuring all or a part). */
  estimateMs: number;
}

/**
 * Creates invitations one by one: a probe of `probe` rows estimates the time for all of them; if
 * that fits the budget every row is created, otherwise `fallback` rows are (and the rest is
 * extrapolated by the caller).
 */
async function createOneByOne(
  service: InvitationService,
  requests: () => number,
  contacts: string[],
  options: { budgetMs: number; probe: number; fallback: number },
): Promise<OneByOne> {
  const r0 = requests();
  const start = performance.now();
  let limit = contacts.length;
  let estimateMs = 0;
  for (let i = 0; i < limit; i++) {
    await service.create({ type: 'single', contact: contacts[i] });
    if (i + 1 === options.probe) {
      estimateMs = ((performance.now() - start) / options.probe) * contacts.length;
      if (estimateMs > options.budgetMs) limit = Math.min(options.fallback, contacts.length);
    }
  }
  return { measured: limit, requests: requests() - r0, ms: performance.now() - start, estimateMs };
}

async function bulkVersusOneByOne(
  url: string,
  rows: number,
  budgetMs: number,
  fallback: number,
): Promise<void> {
  const { client, requests } = countingClient(url);
  const service = new InvitationService(client);
  const { emails } = await seedContacts(client, rows * 2, 'bulk');
  const r0 = requests();
  const bulk = await timed(async () => {
    let created = 0;
    const input = emails.slice(0, rows).map((contact) => ({ type: 'single' as const, contact }));
    for await (const r of service.createMany(input)) if (r.status === 'created') created++;
    return created;
  });
  const bulkRequests = requests() - r0;
  const single = await createOneByOne(service, requests, emails.slice(rows), {
    budgetMs,
    probe: Math.min(200, rows),
    fallback,
  });
  const all = single.measured === rows;
  const scale = rows / single.measured;
  const singleMs = single.ms * scale;
  const singleRequests = single.requests * scale;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\n1. ${rows} single invitations`);
  console.log(`   createMany : ${bulk.value} created, ${bulkRequests} HTTP requests, ${seconds(bulk.ms)}`);
  if (all) {
    console.log(
      `   one by one : all ${rows} measured, ${single.requests} HTTP requests, ${seconds(single.ms)}`,
    );
  } else {
    console.log(
      `   one by one : ${single.measured} of ${rows} measured (all would take ≈ ${seconds(single.estimateMs)}, over the ${seconds(budgetMs)} budget): ${single.requests} requests, ${seconds(single.ms)}`,
    );
    console.log(
      `                extrapolated to ${rows}: ≈ ${Math.round(singleRequests)} requests, ≈ ${seconds(singleMs)}`,
    );
  }
  console.log(
    `   ratio      : ${(singleRequests / bulkRequests).toFixed(0)}× fewer requests, ${(singleMs / bulk.ms).toFixed(1)}× faster with createMany${all ? '' : ' (one-by-one side extrapolated)'}`,
  );
}

async function redemptions(url: string, n: number, parallel: number): Promise<void> {
  const { client, requests } = countingClient(url, parallel);
  const service = new InvitationService(client);
  const { emails, ids } = await seedContacts(client, n, 'redeem');
  const codes: { code: string; contactId: string }[] = [];
  for await (const r of service.createMany(emails.map((contact) => ({ type: 'single' as const, contact })))) {
    if (r.status === 'created' && r.code) codes.push({ code: r.code, contactId: ids[r.index] });
  }
  const sequential = codes.slice(0, 50);
  const r0 = requests();
  for (const { code, contactId } of sequential) await service.redeem(code, { contactId });
  const perRedemption = (requests() - r0) / sequential.length;
  const rest = codes.slice(50);
  let next = 0;
  const run = await timed(async () => {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < rest.length) {
          const { code, contactId } = rest[next++];
          await service.redeem(code, { contactId });
        }
      }),
    );
  });
  console.log(`\n2. round trips per redemption (handlers on the server): ${perRedemption.toFixed(2)}`);
  console.log(
    `3. ${rest.length} redemptions, ${parallel} in parallel: ${(rest.length / (run.ms / 1000)).toFixed(0)} per second`,
  );
}

async function main(): Promise<void> {
  const rows = arg('rows', 10000);
  const budgetMs = arg('budget-seconds', 120) * 1000;
  const fallback = arg('fallback', 2000);
  const emulator = await startEmulator({ port: 0, db: ':memory:', seed: true });
  try {
    console.log(`Invitation benchmarks against the emulator at ${emulator.url} (memory database)`);
    await bulkVersusOneByOne(emulator.url, rows, budgetMs, fallback);
    await redemptions(emulator.url, arg('redemptions', 1000), 8);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
