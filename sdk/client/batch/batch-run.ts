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

function toResponse(part: HttpPart, request: BatchRequest, now: number): BatchResponse {
  const response: BatchResponse = { status: part.status, headers: part.headers, body: part.body };
  if (part.contentId) response.contentId = part.contentId;
  const entityId = idFromEntityUrl(part.headers['odata-entityid']);
  if (entityId) response.entityId = entityId;
  if (part.status >= 400) response.error = partError(part, request, now);
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

function notRun(request: BatchRequest): BatchResponse {
  const error = new DataverseError(
    `${request.method} ${request.url} was not run: an earlier request of the batch failed and the batch stopped. Fix that request, or pass continueOnError.`,
    { status: 0 },
  );
  return { status: 0, headers: {}, error };
}

/** Matches the parts of one `$batch` response to its items, one BatchResponse per request. */
export function mapBatchParts(items: BatchItem[], parts: BatchPart[], now: number): BatchResponse[] {
  const out: BatchResponse[] = [];
  items.forEach((item, index) => {
    const part = parts[index];
    const requests = isChangeSet(item) ? item.changeSet : [item];
    if (!part) return requests.forEach((request) => out.push(notRun(request)));
    if (part.kind === 'response') {
      // A failed change set comes back as one error response standing for the whole set.
      requests.forEach((request) => out.push(toResponse(part.response, request, now)));
      return;
    }
    requests.forEach((request, i) =>
      out.push(toResponse(part.responses[i] ?? { status: 0, headers: {} }, request, now)),
    );
  });
  return out;
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
    });
    const mapped = mapBatchParts(chunk, readResponse(response), now());
    results.push(...mapped);
    if (!options.continueOnError && mapped.some((r) => r.error)) stopped = true;
  }
  return results;
}
