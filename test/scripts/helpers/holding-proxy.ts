/**
 * A small HTTP proxy between the CLI and an emulator that can hold chosen requests: the test
 * learns when a matching request arrives, does something at that exact point (kills the CLI,
 * kills the server, sends a signal) and then forwards the request or drops it. This is what makes
 * interruption tests land deterministically between two given requests, without sleeps.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which requests to hold. */
export interface HoldRule {
  method?: string;
  /** Matched against the path and query. */
  path: RegExp;
  bodyIncludes?: string;
  /** Let this many matching requests through before holding one; default 0. */
  skip?: number;
}

/** A request the proxy is holding. */
export interface HeldRequest {
  method: string;
  path: string;
  body: string;
  /** Sends it on to the target and its answer back; resolves once the answer has gone back. */
  forward(): Promise<void>;
  /** Never sends it: the client's connection is cut, as when a server dies mid-request. */
  drop(): void;
}

/** A running proxy. */
export interface HoldingProxy {
  /** The URL to give the CLI (`--url`). */
  url: string;
  /** Points the proxy at another server (e.g. the emulator restarted after a kill). */
  retarget(url: string): void;
  /** Resolves with the first request matching `rule` (from now on), held until told. */
  hold(rule: HoldRule): Promise<HeldRequest>;
  /** Requests forwarded so far whose method and path match. */
  count(method: string, path: RegExp): number;
  close(): Promise<void>;
}

interface Waiting {
  rule: HoldRule;
  seen: number;
  resolve(held: HeldRequest): void;
}

/** Starts a proxy to `target` (an emulator's base URL) on a free port. */
export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  let upstream = new URL(target);
  const waiting: Waiting[] = [];
  const forwarded: { method: string; path: string }[] = [];

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    forwarded.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    // Settles when the target has answered in full, whether or not the client is still there.
    return new Promise<void>((resolve) => {
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          answer.on('end', () => resolve());
          if (res.destroyed) return void answer.resume();
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => {
        res.destroy();
        resolve();
      });
      out.end(body);
    });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const index = waiting.findIndex(
        (w) =>
          (!w.rule.method || w.rule.method === req.method) &&
          w.rule.path.test(req.url ?? '') &&
          (w.rule.bodyIncludes === undefined || text.includes(w.rule.bodyIncludes)) &&
          w.seen++ >= (w.rule.skip ?? 0),
      );
      if (index < 0) return void forward(req, res, body);
      const [match] = waiting.splice(index, 1);
      match.resolve({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        body: text,
        forward: () => forward(req, res, body),
        drop: () => res.destroy(),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    retarget: (url) => (upstream = new URL(url)),
    hold: (rule) => new Promise((resolve) => waiting.push({ rule, seen: 0, resolve })),
    count: (method, path) => forwarded.filter((r) => r.method === method && path.test(r.path)).length,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
