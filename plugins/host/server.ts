/**
 * The webhook host: an HTTP server Dataverse posts execution contexts to. It checks the key,
 * reads and parses the body (size-limited), runs the matching steps once per delivery, and
 * answers 200 or an error status with a clear message.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataverseApi } from '../../sdk/client/api';
import { StepStage } from '../../sdk/entities/index';
import {
  ExecutionContextFormatError,
  parseRemoteExecutionContext,
  serializeRemoteExecutionContext,
} from '../../sdk/webhooks/index';
import type { RemoteExecutionContext } from '../../sdk/webhooks/index';
import { createStepRegistry } from '../handlers/index';
import { PipelineRunner } from '../pipeline/runner';
import type { StepRegistry } from '../pipeline/step-registry';
import { answerForError, errorBody, UNAUTHORIZED } from './answers';
import { DeliveryLedger, type DeliveryAnswer } from './delivery-ledger';
import { BodyTooLargeError, readBody } from './read-body';
import { keyMatches, presentedKey } from './webhook-key';

/** Where Dataverse posts; register `${url}${WEBHOOK_PATH}` as the service endpoint's url. */
export const WEBHOOK_PATH = '/api/webhooks/dataverse';

/** Default body limit: 1 MiB (Dataverse trims payloads over 256 KB itself). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Sent by Dataverse when it removed InputParameters, images and ParentContext from a large payload. */
export const SIZE_EXCEEDED_HEADER = 'x-ms-dynamics-msg-size-exceeded';

/** Where the host reports what it did; messages never contain the key. */
export interface HostLogger {
  info?(message: string): void;
  error?(message: string, error?: unknown): void;
}

/** Options for {@link startWebhookHost}. */
export interface WebhookHostOptions {
  /** The shared secret Dataverse sends (`?code=` or an `x-api-key`/`code` header). Required. */
  key: string;
  /** The client handlers use. */
  client: DataverseApi;
  /** Port; default 0 (a free port). */
  port?: number;
  /** Interface; default 127.0.0.1. */
  host?: string;
  /** Largest accepted body in bytes; default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
  /** The steps; default every step of solution/webhook-steps.json. */
  registry?: StepRegistry;
  /** Deliveries remembered for duplicate detection; default 1000. */
  ledgerCapacity?: number;
  logger?: HostLogger;
}

/** A running host. */
export interface WebhookHost {
  /** `http://<host>:<port>`. */
  url: string;
  port: number;
  /** The URL to register on the service endpoint (without the key). */
  webhookUrl: string;
  close(): Promise<void>;
}

/**
 * Identifies one delivery: the same request or operation, at the same step, for the same inputs.
 * The inputs' digest keeps two rows written by one request (a batch) from being taken for one.
 */
export function deliveryId(ctx: RemoteExecutionContext): string {
  const inputs = createHash('sha256')
    .update(JSON.stringify(serializeRemoteExecutionContext(ctx).InputParameters))
    .digest('base64url');
  const step = ctx.owningExtension?.id ?? '';
  return [ctx.requestId ?? '', ctx.operationId, ctx.messageName, ctx.primaryEntityName, ctx.primaryEntityId]
    .concat([String(ctx.stage), String(ctx.mode), step, inputs])
    .join('|');
}

/** False when Dataverse dropped InputParameters (and so the Target) from an oversized payload. */
function hasInputs(ctx: RemoteExecutionContext): boolean {
  return Object.keys(ctx.inputParameters).length > 0;
}

function send(response: ServerResponse, answer: DeliveryAnswer, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(body);
}

/** Starts the host; resolves once it is listening. */
export async function startWebhookHost(options: WebhookHostOptions): Promise<WebhookHost> {
  if (!options.key)
    throw new Error('The webhook host needs a key; pass --key or set PORTAL_INVITE_WEBHOOK_KEY.');
  const runner = new PipelineRunner(options.registry ?? createStepRegistry(), {
    client: options.client,
    targetWritable: false,
  });
  const ledger = new DeliveryLedger({ capacity: options.ledgerCapacity });
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.logger ?? {};

  async function execute(context: RemoteExecutionContext): Promise<DeliveryAnswer> {
    try {
      const result = await runner.run(context, { stepName: context.owningExtension?.name });
      return { status: 200, body: { executed: result.executed } };
    } catch (error) {
      const reference = randomUUID();
      const answer = answerForError(error, reference);
      if (answer.status >= 500) log.error?.(`step failed (reference ${reference})`, error);
      return answer;
    }
  }

  async function receive(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (!keyMatches(presentedKey(url, request.headers), options.key)) {
      return send(response, UNAUTHORIZED, { connection: 'close' });
    }
    let text: string;
    try {
      text = await readBody(request, limit);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const message = `The execution context is larger than ${limit} bytes; this host does not accept it.`;
      return send(
        response,
        { status: 413, body: errorBody('PayloadTooLarge', message) },
        { connection: 'close' },
      );
    }
    let context: RemoteExecutionContext;
    try {
      context = parseRemoteExecutionContext(JSON.parse(text));
    } catch (error) {
      const message =
        error instanceof ExecutionContextFormatError
          ? error.message
          : `The request body is not valid JSON (${(error as Error).message}); Dataverse posts a RemoteExecutionContext as JSON.`;
      return send(response, { status: 400, body: errorBody('BadRequest', message) });
    }
    if (
      request.headers[SIZE_EXCEEDED_HEADER] !== undefined &&
      context.stage < StepStage.PostOperation &&
      !hasInputs(context)
    ) {
      const message =
        'Dataverse trimmed this execution context (over 256 KB), so its Target is missing and a ' +
        'synchronous step cannot check it. Reduce the size of the row being written.';
      return send(response, { status: 413, body: errorBody('PayloadTooLarge', message) });
    }
    const answer = await ledger.run(deliveryId(context), () => execute(context));
    log.info?.(
      `${context.messageName} ${context.primaryEntityName} stage ${context.stage} → ${answer.status}${answer.duplicate ? ' (duplicate)' : ''}`,
    );
    send(response, answer, answer.duplicate ? { 'x-duplicate-delivery': 'true' } : {});
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    let work: Promise<void> | void;
    if (url.pathname === '/health' && request.method === 'GET') {
      work = send(response, { status: 200, body: { status: 'ok' } });
    } else if (url.pathname !== WEBHOOK_PATH) {
      work = send(response, {
        status: 404,
        body: errorBody('NotFound', `No such path; Dataverse posts to ${WEBHOOK_PATH}.`),
      });
    } else if (request.method !== 'POST') {
      work = send(
        response,
        { status: 405, body: errorBody('MethodNotAllowed', 'Use POST.') },
        { allow: 'POST' },
      );
    } else {
      work = receive(request, response, url);
    }
    Promise.resolve(work).catch((error: unknown) => {
      log.error?.('request failed', error);
      if (!response.headersSent) send(response, answerForError(error, randomUUID()));
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostName = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostName}:${address.port}`;
  return {
    url,
    port: address.port,
    webhookUrl: `${url}${WEBHOOK_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
