/**
 * A tiny local HTTP server for tests that need a live endpoint (recording, aborts, the benchmark's
 * twin lives in bench/): answers each request with what the handler returns.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LiveServer } from './fixtures';

/** What the handler answers. */
export interface LocalResponse {
  /** Drop the connection without answering (the client sees a reset). */
  destroy?: boolean;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A received request, for assertions. */
export interface LocalRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Starts a server on 127.0.0.1 with a free port; `requests` records what it received. */
export async function startLocalServer(
  handler: (request: LocalRequest) => LocalResponse,
): Promise<LiveServer & { requests: LocalRequest[] }> {
  const requests: LocalRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const answer = handler(request);
      if (answer.destroy) {
        req.socket.destroy();
        return;
      }
      const text =
        answer.body === undefined
          ? ''
          : typeof answer.body === 'string'
            ? answer.body
            : JSON.stringify(answer.body);
      res.writeHead(answer.status ?? 200, {
        'Content-Type': 'application/json; odata.metadata=minimal',
        'OData-Version': '4.0',
        ...answer.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
