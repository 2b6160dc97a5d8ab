/**
 * The webhook host: an HTTP server Dataverse posts execution contexts to. Built to sit behind a load
 * balancer as one of several stateless replicas: slow clients are cut off (headers, body and idle
 * timeouts), connections and concurrent deliveries are capped (a burst waits in a bounded queue for
 * a bounded time, then gets 503 + Retry-After, which Dataverse and balancers retry once), `GET /health` says whether Dataverse is reachable, and `close()`
 * stops accepting and lets deliveries in flight finish.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStepRegistry } from '../handlers/index';
import { PipelineRunner } from '../pipeline/runner';
import { answerForError, errorBody } from './answers';
import { DeliveryLedger, type DeliveryAnswer } from './delivery-ledger';
import { createDeliveryHandler } from './delivery';
import { DRAINING, HealthCheck } from './health';
import { resolveLimits, type HostLimits, type WebhookHostOptions } from './host-options';
import { RequestTracker } from './request-tracker';
import { InvalidArgumentError } from '../../sdk/errors';

export { deliveryId, SIZE_EXCEEDED_HEADER } from './delivery';
export { DEFAULT_HOST_LIMITS } from './host-options';
export type { HostLimitOptions, HostLimits, HostLogger, WebhookHostOptions } from './host-options';

/** Where Dataverse posts; register `${url}${WEBHOOK_PATH}` as the service endpoint's url. */
export const WEBHOOK_PATH = '/api/webhooks/dataverse';

/** Default body limit: 1 MiB (Dataverse trims payloads over 256 KB itself). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** A running host. */
export interface WebhookHost {
  /** `http://<host>:<port>`. */
  url: string;
  port: number;
  /** The URL to register on the service endpoint (without the key). */
  webhookUrl: string;
  /** The limits in force (the defaults with the options applied). */
  limits: HostLimits;
  /**
   * Stops accepting connections, answers 503 to requests arriving on open ones, waits up to
   * `shutdownTimeoutMs` for requests in flight, then closes every connection.
   */
  close(): Promise<void>;
}

/** How often Node looks for requests past their timeouts: often enough to cut them within 0.5 s. */
function checkingInterval(limits: HostLimits): number {
  return Math.max(10, Math.min(500, Math.floor(limits.headersTimeoutMs / 10)));
}

/** Starts the host; resolves once it is listening. */
export async function startWebhookHost(options: WebhookHostOptions): Promise<WebhookHost> {
  if (!options.key)
    throw new InvalidArgumentError(
      'key',
      'The webhook host needs a key; pass --key or set PORTAL_INVITE_WEBHOOK_KEY.',
    );
  const limits = resolveLimits(options);
  const log = options.logger ?? {};
  const tracker = new RequestTracker({
    maxProcessing: limits.maxConcurrentRequests,
    maxQueued: limits.maxQueuedRequests,
    queueTimeoutMs: limits.queueTimeoutMs,
  });
  const health = new HealthCheck(options.client, {
    timeoutMs: limits.healthTimeoutMs,
    cacheMs: limits.healthCacheMs,
    secrets: [options.key],
    now: options.now,
  });
  let draining = false;

  function send(
    response: ServerResponse,
    answer: DeliveryAnswer,
    headers: Record<string, string> = {},
  ): void {
    if (response.headersSent || response.destroyed) return;
    const body = JSON.stringify(answer.body);
    response.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      ...headers,
      ...(draining ? { connection: 'close' } : {}),
    });
    response.end(body);
  }

  const receive = createDeliveryHandler({
    key: options.key,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    limits,
    runner: new PipelineRunner(options.registry ?? createStepRegistry(), {
      client: options.client,
      targetWritable: false,
    }),
    ledger: new DeliveryLedger({ capacity: options.ledgerCapacity }),
    tracker,
    log,
    send,
  });

  function route(request: IncomingMessage, response: ServerResponse): Promise<void> | void {
    const url = new URL(request.url ?? '/', 'http://host');
    if (url.pathname === '/health' && request.method === 'GET') {
      if (draining) return send(response, DRAINING);
      return health.answer().then((answer) => send(response, answer, { 'cache-control': 'no-store' }));
    }
    if (url.pathname !== WEBHOOK_PATH) {
      return send(response, {
        status: 404,
        body: errorBody('NotFound', `No such path; Dataverse posts to ${WEBHOOK_PATH}.`),
      });
    }
    if (request.method !== 'POST') {
      return send(
        response,
        { status: 405, body: errorBody('MethodNotAllowed', 'Use POST.') },
        { allow: 'POST' },
      );
    }
    if (draining) {
      const message = 'The plug-in host is shutting down; retry (another replica will take the delivery).';
      return send(
        response,
        { status: 503, body: errorBody('ServiceUnavailable', message) },
        { 'retry-after': String(limits.retryAfterSeconds) },
      );
    }
    return receive(request, response, url);
  }

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: checkingInterval(limits),
    },
    (request, response) => {
      tracker.track(response);
      Promise.resolve(route(request, response)).catch((error: unknown) => {
        log.error?.('request failed', error);
        if (!response.headersSent) send(response, answerForError(error, randomUUID()));
        else response.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostName = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostName}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    webhookUrl: `${url}${WEBHOOK_PATH}`,
    limits,
    close: () =>
      (closing ??= (async () => {
        draining = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const drained = await tracker.idle(limits.shutdownTimeoutMs);
        if (!drained) log.error?.(`shutdown: ${tracker.inFlight} request(s) still running were cut off`);
        server.closeAllConnections();
        await closed;
      })()),
  };
}
