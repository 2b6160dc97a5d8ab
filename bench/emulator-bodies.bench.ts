/**
 * The emulator's memory under large request bodies: for each scenario a fresh emulator in a child
 * process (so the sender's buffers are not counted) takes POSTs of a contact whose description is
 * --mb MB of text, all at once, and reports its peak RSS (the kernel's high-water mark) against its
 * RSS before the requests. Bodies are sent with a Content-Length, or chunked without one.
 * Run: `npm run build && node dist/bench/emulator-bodies.bench.js [--mb 60]`
 */
import { fork, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { startEmulator } from '../emulator/index';

interface Report {
  rss: number;
  maxRss: number;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function memory(): Report {
  return { rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024 };
}

/** The child: an emulator that reports its memory when asked. */
async function child(): Promise<void> {
  const emulator = await startEmulator({ db: ':memory:', port: 0 });
  process.on('message', (message) => {
    if (message === 'report') process.send?.(memory());
    if (message === 'stop') void emulator.close().then(() => process.exit(0));
  });
  process.send?.({ port: emulator.port });
}

function ask(worker: ChildProcess): Promise<Report> {
  return new Promise((resolve) => {
    worker.once('message', (message) => resolve(message as Report));
    worker.send('report');
  });
}

/** POSTs a contact with `size` bytes of description, streamed in 1 MiB writes; resolves with the status. */
function post(port: number, size: number, chunked: boolean): Promise<number> {
  const head = Buffer.from('{"lastname":"Big","description":"');
  const tail = Buffer.from('"}');
  const block = Buffer.alloc(1024 * 1024, 'a');
  return new Promise((resolve, reject) => {
    const req = request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/api/data/v9.2/contacts',
        headers: {
          Authorization: 'Bearer bench',
          'Content-Type': 'application/json',
          ...(chunked ? {} : { 'Content-Length': String(head.length + size + tail.length) }),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    void (async () => {
      req.write(head);
      for (let sent = 0; sent < size; sent += block.length) {
        const piece = sent + block.length <= size ? block : block.subarray(0, size - sent);
        if (!req.write(piece)) await new Promise((ok) => req.once('drain', ok));
      }
      req.end(tail);
    })().catch(reject);
  });
}

async function scenario(label: string, count: number, size: number, chunked: boolean): Promise<void> {
  const worker = fork(__filename, ['--child'], { execArgv: [] });
  const { port } = await new Promise<{ port: number }>((resolve) =>
    worker.once('message', (message) => resolve(message as { port: number })),
  );
  const before = await ask(worker);
  const statuses = await Promise.all(Array.from({ length: count }, () => post(port, size, chunked)));
  const after = await ask(worker);
  console.log(
    `${label}: answered ${statuses.join(', ')}; emulator RSS ${mb(before.rss)} MB before, ` +
      `peak ${mb(after.maxRss)} MB (+${mb(after.maxRss - before.rss)} MB)`,
  );
  worker.send('stop');
  await new Promise((resolve) => worker.once('exit', resolve));
}

async function main(): Promise<void> {
  const size = arg('mb', 60) * 1024 * 1024;
  await scenario(`1 POST of ${mb(size)} MB`, 1, size, false);
  await scenario(`4 concurrent POSTs of ${mb(size)} MB`, 4, size, false);
  await scenario(`8 concurrent POSTs of ${mb(size)} MB`, 8, size, false);
  await scenario(`4 concurrent chunked POSTs of ${mb(size)} MB`, 4, size, true);
  await scenario(`4 concurrent POSTs of ${mb(size * 2)} MB (over the cap)`, 4, size * 2, false);
}

(process.argv.includes('--child') ? child() : main()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
