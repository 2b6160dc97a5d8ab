/**
 * Runs `batch()`: splits the items into `$batch` requests of at most 1000 operations (never splitting
 * a change set), sends them, and maps each response part back to the request it answers.
 */
import { InvalidArgumentError } from '../../errors';
import { DataverseError } from '../errors';
import { errorFromResponse, redactedRequest, unexpectedResponse } from '../error-factory';
import { callHeaders, Prefer } from '../headers';
import { idFromEntityUrl } from '../query/paths';
import type { BatchItem, BatchOptions, BatchRequest, BatchResponse } from '../types';
import type { OperationContext } from '../operations/context';
import { readBatch, type BatchPart, type HttpPart } from './batch-reader';
import { isChangeSet, writeBatch } from './batch-writer';

/** Most operations one `$batch` may hold. */
export const MAX_BATCH_OPERATIONS = 1000;

function sizeOf(item: BatchItem): number {
  return isChangeSet(item) ? item.changeSet.length : 1;
}

/** Groups items into chunks of at most `limit` operations; throws for a change set larger than that. */
export function chunkBatchItems(items: BatchItem[], limit = MAX_BATCH_OPERATIONS): BatchItem[][] {
  const chunks: BatchItem[][] = [];
  let current: BatchItem[] = [];
  let size = 0;
  items.forEach((item, index) => {
    const itemSize = sizeOf(item);
    if (itemSize > limit) {
      throw new InvalidArgumentError(
        'items',
        `Change set ${index} holds ${itemSize} requests; a change set must fit in one $batch (at most ${limit}). Split it into smaller change sets.`,
      );
    }
    if (size + itemSize > limit) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += itemSize;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function toResponse(part: HttpPart, request: BatchRequest, now: number, contentId?: string): BatchResponse {
  const failed = part.status >= 400;
  const response: BatchResponse = {
    status: part.status,
    outcome: failed ? 'failed' : 'succeeded',
    headers: part.headers,
    body: part.body,
  };
  const id = part.contentId ?? contentId;
  if (id) response.contentId = id;
  const entityId = idFromEntityUrl(part.headers['odata-entityid']);
  if (entityId) response.entityId = entityId;
  if (failed) response.error = partError(part, request, now);
  return response;
}

function partError(part: HttpPart, request: BatchRequest, now: number): DataverseError {
  return errorFromResponse({
    status: part.status,
    headers: part.headers,
    data: part.body,
    request: redactedRequest({ method: request.method, url: request.url, headers: request.headers ?? {} }),
    now,
  });
}

function notRun(request: BatchRequest, contentId?: string): BatchResponse {
  const error = new DataverseError(
    `${request.method} ${request.url} was not run: an earlier request of the batch failed and the batch stopped. Fix that request, or pass continueOnError.`,
    { status: 0 },
  );
  return { status: 0, outcome: 'not-run', headers: {}, error, ...(contentId ? { contentId } : {}) };
}

function rolledBack(request: BatchRequest, contentId: string, failure: BatchResponse): BatchResponse {
  const cause = failure.error as DataverseError;
  const which = failure.contentId ? `the request with Content-ID ${failure.contentId}` : 'another request';
  const error = new DataverseError(
    `${request.method} ${request.url} was rolled back: ${which} of its change set failed (${cause.message})`,
    { status: 0, code: cause.code, requestId: cause.requestId, cause },
  );
  return { status: 0, outcome: 'rolled-back', headers: {}, contentId, error };
}

/**
 * The responses of one change set. Dataverse answers a failed change set with a
 * `changesetresponse_` part holding only the failing request's response, marked with that request's
 * Content-ID; the others were rolled back. So responses are matched by Content-ID, and by position
 * only when none carries one.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api#change-sets
 */
function mapChangeSet(
  requests: BatchRequest[],
  contentIds: string[],
  responses: HttpPart[],
  now: number,
): BatchResponse[] {
  const byId = new Map(responses.filter((r) => r.contentId).map((r) => [r.contentId as string, r]));
  const positional = byId.size === 0;
  const mapped = requests.map((request, i) => {
    const part = positional ? responses[i] : byId.get(contentIds[i]);
    return part ? toResponse(part, request, now, contentIds[i]) : undefined;
  });
  const failure = mapped.find((r) => r?.outcome === 'failed');
  return requests.map((request, i) => {
    const response = mapped[i];
    if (failure && response?.outcome !== 'failed') return rolledBack(request, contentIds[i], failure);
    return response ?? notRun(request, contentIds[i]);
  });
}

/**
 * Matches the parts of one `$batch` response to its items, one BatchResponse per request.
 * `contentIds` are the Content-IDs the change sets were written with, one list per change set.
 */
export function mapBatchParts(
  items: BatchItem[],
  parts: BatchPart[],
  now: number,
  contentIds: string[][] = [],
): BatchResponse[] {
  const out: BatchResponse[] = [];
  let changeSetIndex = 0;
  items.forEach((item, index) => {
    const part = parts[index];
    if (!isChangeSet(item)) {
      if (!part) out.push(notRun(item));
      else if (part.kind === 'response') out.push(toResponse(part.response, item, now));
      // A change set's answer for a plain request: the server did not read the batch as written.
      else out.push(toResponse(part.responses[0] ?? { status: 0, headers: {} }, item, now));
      return;
    }
    const requests = item.changeSet;
    const ids = contentIds[changeSetIndex++] ?? requests.map((r) => r.contentId ?? '');
    if (!part) return requests.forEach((request, i) => out.push(notRun(request, ids[i])));
    if (part.kind === 'changeSet') return out.push(...mapChangeSet(requests, ids, part.responses, now));
    // One plain response for a whole change set: its failure (or, unmarked, its status) stands for all.
    const marked = part.response.contentId;
    if (marked && part.response.status >= 400) {
      out.push(...mapChangeSet(requests, ids, [part.response], now));
      return;
    }
    requests.forEach((request, i) => out.push(toResponse(part.response, request, now, ids[i])));
  });
  return out;
}

/**
 * The response that decides why a change set failed: the request that failed itself (the others
 * of the set were only rolled back with it), else the first one that did not succeed; undefined
 * when every request succeeded.
 */
export function changeSetFailure(responses: readonly BatchResponse[]): BatchResponse | undefined {
  return responses.find((r) => r.outcome === 'failed') ?? responses.find((r) => r.outcome !== 'succeeded');
}

/**
 * True for a `$batch` answer to read part by part even though its status is not 2xx: without
 * `Prefer: odata.continue-on-error` Dataverse answers a failed batch with `400` and a multipart
 * body holding the failing request's response.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api#handling-errors
 */
export function isMultipartAnswer(response: { headers: Readonly<Record<string, string>> }): boolean {
  return /^multipart\/mixed\b/i.test(response.headers['content-type'] ?? '');
}

// The reader refuses text it cannot parse; coming from Dataverse, that is a response it did not expect.
function readResponse(response: {
  status: number;
  data: string;
  headers: Readonly<Record<string, string>>;
}): BatchPart[] {
  try {
    return readBatch(String(response.data), response.headers['content-type']);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw unexpectedResponse(
      response,
      `Dataverse's $batch response could not be read: ${error.message} Its requests may have run; check before sending them again.`,
    );
  }
}

/** Sends the items as one or more `$batch` requests; one response per request, in order. */
export async function runBatch(
  ctx: OperationContext,
  items: BatchItem[],
  options: BatchOptions = {},
  now: () => number = Date.now,
): Promise<BatchResponse[]> {
  const chunks = chunkBatchItems(items);
  const results: BatchResponse[] = [];
  let stopped = false;
  for (const chunk of chunks) {
    if (stopped) {
      chunk.forEach((item) =>
        (isChangeSet(item) ? item.changeSet : [item]).forEach((r) => results.push(notRun(r))),
      );
      continue;
    }
    const written = writeBatch(ctx.apiUrl, chunk);
    const onlyReads = chunk.every((item) => !isChangeSet(item) && item.method === 'GET');
    const response = await ctx.transport.send<string>({
      method: 'POST',
      url: '$batch',
      data: written.body,
      headers: callHeaders(options, [options.continueOnError && Prefer.continueOnError], {
        'Content-Type': written.contentType,
      }),
      options,
      idempotent: onlyReads,
      responseType: 'text',
      accept: (answer) => answer.status < 500 && isMultipartAnswer(answer),
    });
    const mapped = mapBatchParts(chunk, readResponse(response), now(), written.contentIds);
    results.push(...mapped);
    // An answer outside 2xx means the server stopped, whatever was asked.
    const failed = mapped.some((r) => r.outcome !== 'succeeded');
    if (response.status >= 300 || (failed && !options.continueOnError)) stopped = true;
  }
  return results;
}
