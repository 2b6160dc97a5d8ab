/**
 * Service-protection benchmark: 1,500 single invitations created (createMany) and sent (one
 * ExecuteWorkflow each) against an in-process emulator whose limit is 600 requests per 10-second
 * sliding window. Two floors:
 * - the limit's: request i + 600 cannot reach the server before request i has left its window, so
 *   the last of N requests goes no sooner than floor((N - 1) / 600) × 10 s;
 * - the job's: that, plus the work no limit removes, measured on the same job without the limit
 *   (the time to reach request (N - 1) mod 600, where the last request's chain starts, and the time
 *   after the last request is sent).
 * Prints the elapsed time, both floors and the ratios (target ≤ 1.1 of the limit's floor), the 429s
 * the server answered and the invitations that failed (target 0), and the load average.
 * Run: npm run build && npm run bench:limits [-- --invitations 1500 --no-pacing]
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { DataverseClient, StaticTokenCredential } from '../sdk/client/index';
import { InvitationService } from '../sdk/invitations/index';
import { startEmulator } from '../emulator/index';

const LIMIT = 600;
const WINDOW_MS = 10_000;

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function seedContacts(url: string, n: number): Promise<string[]> {
  // Seeded as another user, so the job's own window starts empty.
  const seeder = new DataverseClient({
    url,
    credential: new StaticTokenCredential('bench-token'),
    headers: { MSCRMCallerID: randomUUID() },
  });
  const emails = Array.from({ length: n }, (_, i) => `limits${i}@example.com`);
  for (let i = 0; i < n; i += 1000) {
    const rows = emails.slice(i, i + 1000).map((e, j) => ({ lastname: `Limits ${i + j}`, emailaddress1: e }));
    await seeder.createMultiple('contacts', 'contact', rows);
  }
  return emails;
}

/** What one run of the job measured. */
interface Run {
  elapsedMs: number;
  created: number;
  failures: number;
  /** Attempts the server counted (sent minus those refused with 429). */
  counted: number;
  throttled: number;
  /** When each attempt was sent, from the start of the job (ms). */
  sendTimes: number[];
}

/** Creates and sends `invitations` invitations as one user, against an emulator with or without the limit. */
async function runJob(invitations: number, options: { limits: boolean; pacing: boolean }): Promise<Run> {
  const emulator = await startEmulator({
    port: 0,
    db: ':memory:',
    seed: true,
    limits: options.limits ? { maxRequests: LIMIT, windowMs: WINDOW_MS } : undefined,
  });
  try {
    const emails = await seedContacts(emulator.url, invitations);
    const sendTimes: number[] = [];
    let started = 0;
    let throttled = 0;
    const client = new DataverseClient({
      url: emulator.url,
      credential: new StaticTokenCredential('bench-token'),
      maxConcurrency: 16,
      rateLimitWindowMs: WINDOW_MS,
      pacing: options.pacing,
      maxAttempts: 20,
      logger: {
        debug: (message) => void (message.startsWith('→ ') && sendTimes.push(performance.now() - started)),
      },
      onRetry: (event) => void (event.reason === 'throttled' && throttled++),
    });
    const service = new InvitationService(client);
    started = performance.now();
    const ids: string[] = [];
    let failures = 0;
    for await (const result of service.createMany(emails.map((contact) => ({ type: 'single', contact })))) {
      if (result.status === 'created' && result.id) ids.push(result.id);
      else failures++;
    }
    const results = await service.send(ids);
    const elapsedMs = performance.now() - started;
    failures += results.filter((r) => r.status !== 'sent').length;
    const counted = sendTimes.length - throttled;
    return { elapsedMs, created: ids.length, failures, counted, throttled, sendTimes };
  } finally {
    await emulator.close();
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The least time the limit allows `requests` requests: the last one's chain is floor((n - 1) / limit) windows long. */
function limitFloorMs(requests: number): number {
  return Math.floor((requests - 1) / LIMIT) * WINDOW_MS;
}

/**
 * The limit's floor plus the job's own work it cannot overlap, read from a run without the limit:
 * reaching the request the last one's chain starts from, and finishing after the last send.
 */
function jobFloorMs(requests: number, free: Run): number {
  const chainStart = free.sendTimes[(requests - 1) % LIMIT] ?? 0;
  const tail = free.elapsedMs - (free.sendTimes[free.sendTimes.length - 1] ?? free.elapsedMs);
  return limitFloorMs(requests) + chainStart + tail;
}

async function main(): Promise<void> {
  const invitations = arg('invitations', 1500);
  const pacing = !process.argv.includes('--no-pacing');
  // A short run first, so neither measured run pays for the JIT warming up.
  await runJob(Math.min(300, invitations), { limits: false, pacing });
  const run = await runJob(invitations, { limits: true, pacing });
  const free = await runJob(invitations, { limits: false, pacing });
  const limitFloor = limitFloorMs(run.counted);
  const jobFloor = jobFloorMs(run.counted, free);
  const ratio = (floor: number) => (floor > 0 ? `${(run.elapsedMs / floor).toFixed(2)}×` : 'n/a');
  console.log(`Limits benchmark against the emulator (${LIMIT} requests / ${WINDOW_MS / 1000} s window)`);
  console.log(`  pacing on the x-ms-ratelimit headers: ${pacing ? 'on' : 'off'}`);
  console.log(
    `  ${invitations} invitations created and sent: ${run.created} created, ${run.failures} failures`,
  );
  console.log(
    `  requests: ${run.counted} counted by the server, ${run.throttled} refused with 429 and retried`,
  );
  console.log(
    `  elapsed ${seconds(run.elapsedMs)}; the same job without the limit ${seconds(free.elapsedMs)}`,
  );
  console.log(
    `  floor set by the limit: ${seconds(limitFloor)}; elapsed / floor: ${ratio(limitFloor)} (target ≤ 1.10)`,
  );
  console.log(
    `  floor with the job's own work: ${seconds(jobFloor)}; elapsed / floor: ${ratio(jobFloor)} (what pacing adds)`,
  );
  console.log(
    `  load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
