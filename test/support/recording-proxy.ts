/**
 * An HTTP proxy in front of the emulator that records every exchange that reached it, so a test
 * counts the writes Dataverse received (however many clients or processes sent them). A hook sees
 * each answer before it is passed on and may drop it: the caller then never learns the outcome,
 * as when its process dies between sending a request and reading the answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that reached Dataverse and the status it got. */
export interface Exchange {
  method: string;
  /** Path and query, URI-decoded (e.g. `/api/data/v9.2/contacts(…)`). */
  path: string;
  requestBody: string;
  status: number;
  responseBody: string;
}

/** What to do with an answer: pass it on, or drop the connection without answering. */
export type ProxyDecision = 'forward' | 'drop';

/** A running proxy. */
export interface RecordingProxy {
  /** The URL to give clients instead of the emulator's. */
  url: string;
  /** Every exchange so far, in the order the answers arrived. */
  exchanges: Exchange[];
  /** Exchanges with this method whose path matches, answered with a 2xx status. */
  succeeded(method: string, path: RegExp): Exchange[];
  /** Called with each answer before it is passed on; default: forward. */
  onAnswer?: (exchange: Exchange) => ProxyDecision | Promise<ProxyDecision>;
  close(): Promise<void>;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Starts a proxy on a free port forwarding to `target` (an `http://127.0.0.1:<port>` origin). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const proxy: RecordingProxy = {
    url: '',
    exchanges: [],
    succeeded: (method, path) =>
      proxy.exchanges.filter(
        (e) => e.method === method && path.test(e.path) && e.status >= 200 && e.status < 300,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const forward = http.request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: upstream.host },
          },
          resolve,
        );
        forward.on('error', reject);
        forward.end(body);
      });
      const answerBody = await readAll(answer);
      const exchange: Exchange = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(req.url ?? '/'),
        requestBody: body.toString('utf8'),
        status: answer.statusCode ?? 0,
        responseBody: answerBody.toString('utf8'),
      };
      proxy.exchanges.push(exchange);
      if ((await proxy.onAnswer?.(exchange)) === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(exchange.status, answer.headers);
      res.end(answerBody);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
