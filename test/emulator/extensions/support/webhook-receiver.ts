import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedWebhook {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

/** How the receiver answers a request. */
export interface WebhookAnswer {
  status: number;
  body?: string;
}

/** A local HTTP server standing in for a webhook handler. Answers 200 unless told otherwise. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answers queued for the next requests, in order; once used up, 200. */
  answers: WebhookAnswer[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const answers: WebhookAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // keep the raw body only
      }
      received.push({ url: req.url ?? '', headers: req.headers, body, json });
      const answer = answers.shift() ?? { status: 200 };
      res.writeHead(answer.status, { 'Content-Type': 'text/plain' });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/dataverse`,
    received,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
