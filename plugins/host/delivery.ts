/**
 * One webhook delivery, from the request to the answer: the key, the body (size-capped), admission
 * under the concurrency cap, the body's shape (depth, prototype keys), the execution context, and the
 * steps run once per delivery id.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StepStage } from '../../sdk/entities/index';
import {
  ExecutionContextFormatError,
  parseRemoteExecutionContext,
  serializeRemoteExecutionContext,
} from '../../sdk/webhooks/index';
import type { RemoteExecutionContext } from '../../sdk/webhooks/index';
import type { PipelineRunner } from '../pipeline/runner';
import { answerForError, errorBody, UNAUTHORIZED } from './answers';
import type { DeliveryAnswer, DeliveryLedger } from './delivery-ledger';
import type { HostLimits, HostLogger } from './host-options';
import { jsonDepth, PROTOTYPE_KEYS, prototypeKeyPath } from './json-guard';
import { BodyTooLargeError, readBody } from './read-body';
import type { RequestTracker } from './request-tracker';
import { keyMatches, presentedKey } from './webhook-key';

/** Sent by Dataverse when it removed InputParameters, images and ParentContext from a large payload. */
export const SIZE_EXCEEDED_HEADER = 'x-ms-dynamics-msg-size-exceeded';

/** Writes an answer (the server adds its own headers, e.g. `connection: close` while draining). */
export type Send = (
  response: ServerResponse,
  answer: DeliveryAnswer,
  headers?: Record<string, string>,
) => void;

/** What a delivery needs from the host. */
export interface DeliveryDependencies {
  key: string;
  maxBodyBytes: number;
  limits: HostLimits;
  runner: PipelineRunner;
  ledger: DeliveryLedger;
  tracker: RequestTracker;
  log: HostLogger;
  send: Send;
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

const badRequest = (message: string): DeliveryAnswer => ({
  status: 400,
  body: errorBody('BadRequest', message),
});

/** The execution context in `text`, or the 400 that says what is wrong with it. */
export function readContext(text: string, maxDepth: number): RemoteExecutionContext | DeliveryAnswer {
  const depth = jsonDepth(text, maxDepth);
  if (depth > maxDepth) {
    return badRequest(
      `The request body nests objects and arrays more than ${maxDepth} levels deep; this host refuses it. ` +
        'An execution context from Dataverse stays near 20 levels.',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return badRequest(
      `The request body is not valid JSON (${(error as Error).message}); Dataverse posts a RemoteExecutionContext as JSON.`,
    );
  }
  const trap = prototypeKeyPath(json);
  if (trap !== undefined) {
    return badRequest(
      `The request body uses a reserved key at ${trap}; keys ${[...PROTOTYPE_KEYS].map((k) => `'${k}'`).join(', ')} ` +
        'are refused (Dataverse never sends them).',
    );
  }
  try {
    return parseRemoteExecutionContext(json);
  } catch (error) {
    if (error instanceof ExecutionContextFormatError) return badRequest(error.message);
    throw error;
  }
}

function isAnswer(value: RemoteExecutionContext | DeliveryAnswer): value is DeliveryAnswer {
  return typeof (value as DeliveryAnswer).status === 'number' && 'body' in value;
}

/** Handles POSTs to the webhook path. */
export function createDeliveryHandler(deps: DeliveryDependencies) {
  const { send, log, limits } = deps;

  async function execute(context: RemoteExecutionContext): Promise<DeliveryAnswer> {
    try {
      const result = await deps.runner.run(context, { stepName: context.owningExtension?.name });
      return { status: 200, body: { executed: result.executed } };
    } catch (error) {
      const reference = randomUUID();
      const answer = answerForError(error, reference);
      if (answer.status >= 500) log.error?.(`step failed (reference ${reference})`, error);
      return answer;
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse, text: string): Promise<void> {
    const context = readContext(text, limits.maxJsonDepth);
    if (isAnswer(context)) return send(response, context);
    if (
      request.headers[SIZE_EXCEEDED_HEADER] !== undefined &&
      context.stage < StepStage.PostOperation &&
      Object.keys(context.inputParameters).length === 0
    ) {
      const message =
        'Dataverse trimmed this execution context (over 256 KB), so its Target is missing and a ' +
        'synchronous step cannot check it. Reduce the size of the row being written.';
      return send(response, { status: 413, body: errorBody('PayloadTooLarge', message) });
    }
    const answer = await deps.ledger.run(deliveryId(context), () => execute(context));
    log.info?.(
      `${context.messageName} ${context.primaryEntityName} stage ${context.stage} → ${answer.status}${answer.duplicate ? ' (duplicate)' : ''}`,
    );
    send(response, answer, answer.duplicate ? { 'x-duplicate-delivery': 'true' } : {});
  }

  return async function receive(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (!keyMatches(presentedKey(url, request.headers), deps.key)) {
      return send(response, UNAUTHORIZED, { connection: 'close' });
    }
    let text: string;
    try {
      text = await readBody(request, deps.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        const message = `The execution context is larger than ${deps.maxBodyBytes} bytes; this host does not accept it.`;
        return send(
          response,
          { status: 413, body: errorBody('PayloadTooLarge', message) },
          { connection: 'close' },
        );
      }
      // The client went away (or was cut off by the request timeout) before sending the whole body.
      if (request.destroyed) return;
      throw error;
    }
    if (!(await deps.tracker.admit())) {
      const message =
        `The plug-in host is processing ${limits.maxConcurrentRequests} deliveries with ` +
        `${deps.tracker.queued} waiting, its limit; retry after ${limits.retryAfterSeconds} s.`;
      return send(
        response,
        { status: 503, body: errorBody('ServiceUnavailable', message) },
        { 'retry-after': String(limits.retryAfterSeconds) },
      );
    }
    try {
      // A client that left while its delivery waited (Dataverse gave up) gets no work done for it.
      if (!response.destroyed) await handle(request, response, text);
    } finally {
      deps.tracker.release();
    }
  };
}
