/**
 * `POST $batch`: runs each part through the router in order. A change set runs in one
 * transaction — any failure rolls it back and the set answers with a `changesetresponse_` part
 * holding only that request's response, marked with its Content-ID; `$n` Content-ID references
 * resolve inside the set. Processing stops at the first error unless
 * `Prefer: odata.continue-on-error`, and a batch that stopped answers 400 (with the responses so
 * far, the failing one last); with the preference it answers 200. At most 1000 requests.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api#handling-errors
 */
import { randomUUID } from 'node:crypto';
import { badRequest, DataverseFault, ErrorCodes } from '../errors';
import { boundaryOf, parseEmbeddedRequest, splitParts, writeHttpPart } from './multipart';
import type { EmbeddedRequest, MimePart } from './multipart';
import { route } from './router';
import { errorResponse, parsePrefer } from './types';
import type { ApiEnvironment, ApiRequest, ApiResponse } from './types';

/** The most requests one batch may hold. */
export const MAX_BATCH_REQUESTS = 1000;

interface Item {
  contentId?: string;
  request: EmbeddedRequest;
}

type Entry = { kind: 'single'; item: Item } | { kind: 'changeset'; items: Item[] };

class ChangeSetFailed extends Error {
  constructor(
    readonly response: ApiResponse,
    readonly contentId?: string,
  ) {
    super('change set failed');
  }
}

/** Handles a `$batch` request. */
export async function handleBatch(env: ApiEnvironment, request: ApiRequest): Promise<ApiResponse> {
  if (request.method !== 'POST')
    throw new DataverseFault(405, ErrorCodes.MethodNotAllowed, '$batch accepts POST only.');
  const boundary = boundaryOf(request.headers['content-type']);
  if (!boundary)
    throw badRequest(
      "A $batch request needs 'Content-Type: multipart/mixed; boundary=batch_<id>'.",
      ErrorCodes.InvalidPayload,
    );
  const entries = splitParts(request.body, boundary).map(toEntry);
  const total = entries.reduce((n, e) => n + (e.kind === 'single' ? 1 : e.items.length), 0);
  if (total > MAX_BATCH_REQUESTS)
    throw badRequest(
      `The batch holds ${total} requests; the maximum is ${MAX_BATCH_REQUESTS}. Split it.`,
      ErrorCodes.InvalidPayload,
    );
  const continueOnError = parsePrefer(request.headers.prefer).continueOnError;
  const responseBoundary = `batchresponse_${randomUUID()}`;
  const parts: string[] = [];
  let stopped = false;
  for (const entry of entries) {
    let failed: boolean;
    if (entry.kind === 'single') {
      const response = await runItem(env, entry.item, new Map());
      parts.push(writeHttpPart(response.status, response.headers, response.body, entry.item.contentId));
      failed = response.status >= 400;
    } else {
      const result = await runChangeSet(env, entry.items);
      parts.push(result.part);
      failed = result.failed;
    }
    if (failed && !continueOnError) {
      stopped = true;
      break;
    }
  }
  const body = parts.map((p) => `--${responseBoundary}\r\n${p}\r\n`).join('') + `--${responseBoundary}--\r\n`;
  // "Without setting the Prefer: odata.continue-on-error request header, the batch fails on the
  // first request in the batch": Microsoft's example answers `HTTP/1.1 400 BadRequest`.
  return {
    status: stopped ? 400 : 200,
    headers: { 'Content-Type': `multipart/mixed; boundary=${responseBoundary}`, 'OData-Version': '4.0' },
    body,
  };
}

function toEntry(part: MimePart): Entry {
  const inner = boundaryOf(part.headers['content-type']);
  if (inner && /multipart\/mixed/i.test(part.headers['content-type'] ?? '')) {
    const items = splitParts(part.content, inner).map(toItem);
    const get = items.find((i) => i.request.method === 'GET');
    if (get)
      throw badRequest(
        `GET ${get.request.url} is not allowed in a change set; put it in the batch outside any change set.`,
        ErrorCodes.InvalidPayload,
      );
    return { kind: 'changeset', items };
  }
  return { kind: 'single', item: toItem(part) };
}

function toItem(part: MimePart): Item {
  const request = parseEmbeddedRequest(part.content);
  return { request, contentId: part.headers['content-id'] ?? request.headers['content-id'] };
}

async function runChangeSet(env: ApiEnvironment, items: Item[]): Promise<{ part: string; failed: boolean }> {
  const ids = new Map<string, string>();
  const csBoundary = `changesetresponse_${randomUUID()}`;
  try {
    const parts = await env.ops.transaction(async () => {
      const written: string[] = [];
      for (const item of items) {
        const response = await runItem(env, item, ids);
        if (response.status >= 400) throw new ChangeSetFailed(response, item.contentId);
        const entityId = response.headers['OData-EntityId'];
        if (item.contentId && entityId) ids.set(item.contentId, entityId);
        written.push(writeHttpPart(response.status, response.headers, response.body, item.contentId));
      }
      return written;
    });
    const inner = parts.map((p) => `--${csBoundary}\r\n${p}\r\n`).join('') + `--${csBoundary}--`;
    return { part: `Content-Type: multipart/mixed; boundary=${csBoundary}\r\n\r\n${inner}`, failed: false };
  } catch (error) {
    const failure = error instanceof ChangeSetFailed ? error : new ChangeSetFailed(errorResponse(error));
    const { status, headers, body } = failure.response;
    const inner = `--${csBoundary}\r\n${writeHttpPart(status, headers, body, failure.contentId)}\r\n--${csBoundary}--`;
    return { part: `Content-Type: multipart/mixed; boundary=${csBoundary}\r\n\r\n${inner}`, failed: true };
  }
}

async function runItem(env: ApiEnvironment, item: Item, ids: Map<string, string>): Promise<ApiResponse> {
  try {
    const { path, query } = splitUrl(item.request.url, ids);
    const request: ApiRequest = {
      method: item.request.method,
      path,
      query,
      headers: {
        ...item.request.headers,
        'content-type': item.request.headers['content-type'] ?? 'application/json',
      },
      body: item.request.body,
    };
    if (path.replace(/^\//, '').startsWith('$batch'))
      throw badRequest('A batch cannot contain another batch.', ErrorCodes.InvalidPayload);
    return await route({ ...env, resolveContentId: (id) => ids.get(id) }, request);
  } catch (error) {
    return errorResponse(error);
  }
}

/** The API-relative path and query of a part's URL (absolute, root-relative, relative or `$n/...`). */
function splitUrl(url: string, ids: Map<string, string>): { path: string; query: string } {
  let target = url;
  const ref = /^\$(\w+)(.*)$/.exec(target);
  if (ref) {
    const resolved = ids.get(ref[1]);
    // The text Microsoft shows for a reference declared later (or never).
    if (!resolved)
      throw badRequest(
        `Content-ID Reference: '$${ref[1]}' does not exist in the batch context.`,
        ErrorCodes.InvalidPayload,
      );
    target = resolved + ref[2];
  }
  const api = /\/api\/data\/v\d+(?:\.\d+)?\/(.*)$/.exec(target);
  if (api) target = api[1];
  const q = target.indexOf('?');
  return { path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q + 1) };
}
