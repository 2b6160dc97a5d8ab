/**
 * Client benchmark: (1) the client's overhead per request against plain axios on the same local
 * server (target ≤ 1.3×), and (2) resident memory growth while list() iterates 200,000 rows in pages
 * of 5,000 generated lazily by a local server (target < 100 MB). Prints the figures; asserts nothing.
 * Run: npm run build && node dist/bench/client.bench.js
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { DataverseClient, StaticTokenCredential } from '../sdk/client';

const API_PATH = '/api/data/v9.2/';
const TOTAL_ROWS = 200_000;
const PAGE_SIZE = 5_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000);
const ROUNDS = 11;

function page(url: URL, origin: string): string {
  const start = Number(url.searchParams.get('$skiptoken') ?? 0);
  const end = Math.min(start + PAGE_SIZE, TOTAL_ROWS);
  const rows: string[] = [];
  for (let i = start; i < end; i++) {
    const id = `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`;
    rows.push(
      JSON.stringify({
        '@odata.etag': `W/"${i}"`,
        contactid: id,
        fullname: `Contact ${i}`,
        emailaddress1: `c${i}@example.com`,
      }),
    );
  }
  const next =
    end < TOTAL_ROWS
      ? `,"@odata.nextLink":"${origin}${API_PATH}contacts?$select=fullname&$skiptoken=${end}"`
      : '';
  return `{"@odata.context":"${origin}${API_PATH}$metadata#contacts","value":[${rows.join(',')}]${next}}`;
}

async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  let origin = '';
  const small = JSON.stringify({ UserId: 'u', BusinessUnitId: 'b', OrganizationId: 'o' });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const body = url.pathname.endsWith('/contacts') ? page(url, origin) : small;
    res.writeHead(200, {
      'Content-Type': 'application/json; odata.metadata=minimal',
      'OData-Version': '4.0',
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function time(n: number, run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await run();
  return Number(process.hrtime.bigint() - started) / 1000 / n;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

async function overhead(url: string): Promise<void> {
  const client = new DataverseClient({ url, credential: new StaticTokenCredential('bench-token') });
  const config = {
    baseURL: `${url}${API_PATH}`,
    headers: {
      Accept: 'application/json',
      'OData-MaxVersion': '4.0',
      'OData-Version': '4.0',
      Authorization: 'Bearer bench-token',
    },
  };
  // The client sets maxRedirects: 0 (no follow-redirects wrapper); compare like with like, and
  // show axios' defaults too.
  const plain = axios.create({ ...config, maxRedirects: 0 });
  const defaults = axios.create(config);
  const sides = {
    'plain axios': () => plain.get('WhoAmI()'),
    'axios defaults': () => defaults.get('WhoAmI()'),
    DataverseClient: () => client.whoAmI(),
  };
  const samples: Record<string, number[]> = {};
  for (const [name, run] of Object.entries(sides)) {
    await time(500, run);
    samples[name] = [];
  }
  // Alternate short blocks so drift in machine load hits every side alike; compare medians.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(sides)) samples[name].push(await time(REQUESTS, run));
  }
  console.log(`sequential GETs: ${ROUNDS} alternating blocks of ${REQUESTS} per side`);
  for (const name of Object.keys(sides)) {
    console.log(`  ${name.padEnd(16)} ${median(samples[name]).toFixed(1)} µs/request (median block)`);
  }
  const ratio = median(samples.DataverseClient) / median(samples['plain axios']);
  const vsDefaults = median(samples.DataverseClient) / median(samples['axios defaults']);
  console.log(
    `overhead ratio (client / plain axios, same transport settings): ${ratio.toFixed(2)}× (target ≤ 1.30×)`,
  );
  console.log(`ratio against axios with its default settings: ${vsDefaults.toFixed(2)}×`);
}

async function memory(url: string): Promise<void> {
  const client = new DataverseClient({ url, credential: new StaticTokenCredential('bench-token') });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let rows = 0;
  const started = Date.now();
  for await (const row of client.list<{ fullname: string }>(
    'contacts',
    { select: ['fullname'] },
    { pageSize: PAGE_SIZE },
  )) {
    if (row.fullname) rows++;
    if (rows % PAGE_SIZE === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `list(): ${rows} rows in ${TOTAL_ROWS / PAGE_SIZE} pages, ${Date.now() - started} ms; RSS baseline ${mb(baseline)} MB, peak ${mb(peak)} MB, growth ${mb(peak - baseline)} MB (target < 100 MB)${gc ? '' : ' [run with --expose-gc for a steadier baseline]'}`,
  );
}

async function main(): Promise<void> {
  const server = await startServer();
  try {
    await overhead(server.url);
    await memory(server.url);
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
