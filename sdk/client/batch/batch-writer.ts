/**
 * Writes a `$batch` request body: multipart/mixed with `batch_<id>` and nested `changeset_<id>` parts,
 * each request an `application/http` part with `Content-Transfer-Encoding: binary`.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api
 */
import { randomUUID } from 'node:crypto';
import type { BatchItem, BatchRequest, ChangeSet } from '../types';

const CRLF = '\r\n';

/** True for a change set item. */
export function isChangeSet(item: BatchItem): item is ChangeSet {
  return Array.isArray((item as ChangeSet).changeSet);
}

/** A written batch: the body and the Content-Type header that names its boundary. */
export interface WrittenBatch {
  body: string;
  contentType: string;
  /** Content-ID of each change set request, in order (assigned when the caller gave none). */
  contentIds: string[][];
}

function requestUrl(apiUrl: string, url: string): string {
  return /^https?:\/\//i.test(url) || url.startsWith('$') ? url : `${apiUrl}${url.replace(/^\//, '')}`;
}

function writeRequest(apiUrl: string, request: BatchRequest, contentId?: string): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (contentId) lines.push(`Content-ID: ${contentId}`);
  lines.push('', `${request.method} ${requestUrl(apiUrl, request.url)} HTTP/1.1`);
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers['Content-Type'] ??= 'application/json; type=entry';
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push('', request.body === undefined ? '' : JSON.stringify(request.body));
  return lines.join(CRLF);
}

/** Content-IDs for a change set: the caller's, or the next free number. */
function assignContentIds(changeSet: BatchRequest[], taken: Set<string>, next: { value: number }): string[] {
  return changeSet.map((request) => {
    if (request.contentId) return request.contentId;
    while (taken.has(String(next.value))) next.value++;
    const id = String(next.value++);
    taken.add(id);
    return id;
  });
}

/** Writes the items as one `$batch` body. */
export function writeBatch(
  apiUrl: string,
  items: BatchItem[],
  newId: () => string = randomUUID,
): WrittenBatch {
  const batchBoundary = `batch_${newId()}`;
  const taken = new Set(
    items.flatMap((item) => (isChangeSet(item) ? item.changeSet.map((r) => r.contentId ?? '') : [])),
  );
  const next = { value: 1 };
  const contentIds: string[][] = [];
  const parts = items.map((item) => {
    if (!isChangeSet(item)) return writeRequest(apiUrl, item);
    const changeSetBoundary = `changeset_${newId()}`;
    const ids = assignContentIds(item.changeSet, taken, next);
    contentIds.push(ids);
    const inner = item.changeSet.map(
      (request, index) => `--${changeSetBoundary}${CRLF}${writeRequest(apiUrl, request, ids[index])}`,
    );
    return [
      `Content-Type: multipart/mixed; boundary=${changeSetBoundary}`,
      '',
      ...inner,
      `--${changeSetBoundary}--`,
      '',
    ].join(CRLF);
  });
  const body =
    parts.map((part) => `--${batchBoundary}${CRLF}${part}${CRLF}`).join('') + `--${batchBoundary}--${CRLF}`;
  return { body, contentType: `multipart/mixed; boundary=${batchBoundary}`, contentIds };
}
