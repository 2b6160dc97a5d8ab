/**
 * Emulator throughput: single-row GET and POST at a fixed concurrency, a $batch of 1,000 creates,
 * and paging through 100,000 rows with the process's memory growth.
 * Run: `npm run build && node dist/bench/emulator.bench.js [--seconds 3] [--clients 8] [--rows 100000]`
 */
import { randomUUID } from 'node:crypto';
import { SEED } from '../emulator/core';
import { startEmulator, type Emulator } from '../emulator/index';

const HEADERS = {
  Authorization: 'Bearer bench',
  Accept: 'application/json',
  'OData-MaxVersion': '4.0',
  'OData-Version': '4.0',
  'Content-Type': 'application/json',
};

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function call(
  method: string,
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const send = () => fetch(url, { method, body, headers: { ...HEADERS, ...headers } });
  // A pooled keep-alive connection the server closed while idle (during setup) resets once; a GET is safe to resend.
  const response = await send().catch((error: unknown) =>
    method === 'GET' ? send() : Promise.reject(error),
  );
  if (response.status >= 400)
    throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Runs `clients` loops of `request` for `seconds`; returns requests per second. */
async function throughput(clients: number, seconds: number, request: () => Promise<void>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const loop = async () => {
    while (performance.now() < until) {
      await request();
      done += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, loop));
  return done / ((performance.now() - started) / 1000);
}

function batchOfCreates(api: string, count: number): { boundary: string; body: string } {
  const boundary = `batch_${randomUUID()}`;
  const changeset = `changeset_${randomUUID()}`;
  const parts = Array.from(
    { length: count },
    (_, i) =>
      `--${changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ${i + 1}\r\n\r\n` +
      `POST ${api}contacts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ lastname: `Batch ${i}` })}\r\n`,
  );
  const body =
    `--${boundary}\r\nContent-Type: multipart/mixed; boundary=${changeset}\r\n\r\n` +
    `${parts.join('')}--${changeset}--\r\n--${boundary}--\r\n`;
  return { boundary, body };
}

/** Setup for the paging run: rows written straight through the core's operations, 1,000 per transaction. */
async function fill(emulator: Emulator, rows: number): Promise<void> {
  const ctx = {
    userId: SEED.systemUserId,
    correlationId: randomUUID(),
    requestId: randomUUID(),
    depth: 1,
    bypassCustomLogic: true,
  };
  for (let done = 0; done < rows; done += 1000) {
    await emulator.ops.transaction(async () => {
      for (let i = done; i < Math.min(done + 1000, rows); i++)
        await emulator.ops.create('account', { name: `Account ${i}` }, ctx);
    });
  }
}

async function main(): Promise<void> {
  const seconds = arg('seconds', 3);
  const clients = arg('clients', 8);
  const rows = arg('rows', 100_000);
  const emulator = await startEmulator({ db: ':memory:', port: 0 });
  const api = `http://127.0.0.1:${emulator.port}/api/data/v9.2/`;
  try {
    const created = await call('POST', `${api}contacts`, JSON.stringify({ lastname: 'Bench' }));
    const contactUrl = created.headers.get('OData-EntityId') as string;

    const getRps = await throughput(clients, seconds, async () => {
      await (await call('GET', `${contactUrl}?$select=lastname`)).arrayBuffer();
    });
    console.log(`GET single row:  ${getRps.toFixed(0)} requests/s (${clients} clients, ${seconds} s)`);

    const postRps = await throughput(clients, seconds, async () => {
      await (await call('POST', `${api}contacts`, JSON.stringify({ lastname: 'Bench' }))).arrayBuffer();
    });
    console.log(`POST single row: ${postRps.toFixed(0)} requests/s (${clients} clients, ${seconds} s)`);

    const { boundary, body } = batchOfCreates(api, 1000);
    const batchStart = performance.now();
    const batch = await call('POST', `${api}$batch`, body, {
      'Content-Type': `multipart/mixed; boundary=${boundary}`,
    });
    const batchText = await batch.text();
    const batchMs = performance.now() - batchStart;
    const okParts = (batchText.match(/HTTP\/1\.1 204/g) ?? []).length;
    console.log(
      `$batch of 1,000 creates (one change set): ${batchMs.toFixed(0)} ms, ${okParts} parts answered 204`,
    );

    const fillStart = performance.now();
    await fill(emulator, rows);
    console.log(
      `(setup) ${rows.toLocaleString('en')} accounts written in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`,
    );

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    let seen = 0;
    let pages = 0;
    let next: string | undefined = `${api}accounts?$select=name`;
    const pageStart = performance.now();
    while (next) {
      const page = (await (
        await call('GET', next, undefined, { Prefer: 'odata.maxpagesize=5000' })
      ).json()) as {
        value: unknown[];
        '@odata.nextLink'?: string;
      };
      seen += page.value.length;
      pages += 1;
      next = page['@odata.nextLink'];
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const pageSeconds = (performance.now() - pageStart) / 1000;
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    console.log(
      `Paging ${seen.toLocaleString('en')} rows in ${pages} pages of 5,000: ${pageSeconds.toFixed(1)} s ` +
        `(${(seen / pageSeconds).toFixed(0)} rows/s); RSS ${mb(rssBefore)} MB → peak ${mb(peak)} MB (+${mb(peak - rssBefore)} MB)`,
    );
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  console.error(error instanceof Error ? `${error.message}${cause}` : error);
  process.exitCode = 1;
});
