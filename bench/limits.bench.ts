/**
 * Service-protection benchmark: 1,500 single invitations created (createMany) and sent (one
 * ExecuteWorkflow each) against an in-process emulator whose limit is 600 requests per 10-second
 * sliding window. The floor is the least time the limit allows for the requests the job sent:
 * (ceil(requests / 600) - 1) × 10 s. Prints the elapsed time, the floor, their ratio (target
 * ≤ 1.1), the 429s the server answered and the invitations that failed (target 0), then the same
 * job without any limit: on a loaded machine the emulator's own pace can be above the floor.
 * Run: npm run build && npm run bench:limits [-- --invitations 1500 --no-pacing --no-baseline]
 */
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
    let sent = 0;
    let throttled = 0;
    const client = new DataverseClient({
      url: emulator.url,
      credential: new StaticTokenCredential('bench-token'),
      maxConcurrency: 16,
      rateLimitWindowMs: WINDOW_MS,
      pacing: options.pacing,
      maxAttempts: 20,
      logger: { debug: (message) => void (message.startsWith('→ ') && sent++) },
      onRetry: (event) => void (event.reason === 'throttled' && throttled++),
    });
    const service = new InvitationService(client);
    const started = performance.now();
    const ids: string[] = [];
    let failures = 0;
    for await (const result of service.createMany(emails.map((contact) => ({ type: 'single', contact })))) {
      if (result.status === 'created' && result.id) ids.push(result.id);
      else failures++;
    }
    const results = await service.send(ids);
    const elapsedMs = performance.now() - started;
    failures += results.filter((r) => r.status !== 'sent').length;
    return { elapsedMs, created: ids.length, failures, counted: sent - throttled, throttled };
  } finally {
    await emulator.close();
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const invitations = arg('invitations', 1500);
  const pacing = !process.argv.includes('--no-pacing');
  const run = await runJob(invitations, { limits: true, pacing });
  const floorMs = (Math.ceil(run.counted / LIMIT) - 1) * WINDOW_MS;
  console.log(`Limits benchmark against the emulator (${LIMIT} requests / ${WINDOW_MS / 1000} s window)`);
  console.log(`  pacing on the x-ms-ratelimit headers: ${pacing ? 'on' : 'off'}`);
  console.log(
    `  ${invitations} invitations created and sent: ${run.created} created, ${run.failures} failures`,
  );
  console.log(
    `  requests: ${run.counted} counted by the server, ${run.throttled} refused with 429 and retried`,
  );
  console.log(`  elapsed ${seconds(run.elapsedMs)}, floor ${seconds(floorMs)}`);
  console.log(
    `  elapsed / floor: ${floorMs > 0 ? (run.elapsedMs / floorMs).toFixed(2) : 'n/a'}× (target ≤ 1.10)`,
  );
  if (!process.argv.includes('--no-baseline')) {
    // The same job with no limit shows how long the emulator itself needs (a floor of its own).
    const baseline = await runJob(invitations, { limits: false, pacing });
    console.log(`  the same job without limits: ${seconds(baseline.elapsedMs)} (the emulator's own pace)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
