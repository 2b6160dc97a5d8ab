/**
 * Small OData helpers for the invitation service: literal quoting, "one of" filters, reading
 * many rows in one request even when the filter is long, and recognising Dataverse errors
 * without depending on the client's classes at runtime. Literals, filters and URLs come from the
 * client's query builder, which percent-encodes the whole query string once.
 */
import type { DataverseApi } from '../client/api';
import { ErrorCodes } from '../client/errors';
import { encodeQueryValue } from '../client/query/encode';
import { filterText } from '../client/query/filter';
import { guid, literal } from '../client/query/literal';
import { collectionUrl } from '../client/query/query-string';
import type { WebApiRecord } from '../client/types';

/** An OData string literal (single quotes doubled, not URL-encoded: the client encodes the URL). */
export function quote(value: string): string {
  return literal(value);
}

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/** True for a GUID (with or without braces). */
export function isGuid(value: string): boolean {
  return GUID.test(value.trim());
}

/** A GUID in the Web API's form: no braces, lower case. */
export function normalizeGuid(value: string): string {
  return value
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
}

/** `(col eq v1 or col eq v2 ...)`; GUID columns take unquoted values. */
export function anyOf(column: string, values: readonly string[], kind: 'string' | 'guid' = 'string'): string {
  return filterText({ [column]: { in: kind === 'guid' ? values.map(guid) : values } });
}

/** The URL length above which a query travels inside a `$batch` body (limit 32 KB on the URL). */
export const MAX_GET_URL = 8000;

/** A query read by {@link queryAll}. */
export interface SimpleQuery {
  select: string[];
  filter: string;
  /** Raw `$expand` text, e.g. `adx_invitation_webrole($select=adx_webroleid)`. */
  expand?: string;
  top?: number;
  /** Extra request headers, e.g. `If-None-Match: null` (see {@link NO_CACHE}). */
  headers?: Record<string, string>;
  /** Stops the requests. */
  signal?: AbortSignal;
}

/**
 * `If-None-Match: null`: Dataverse may answer an `$expand` of a collection-valued navigation
 * property from a cache; this header asks for current data.
 * See https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/join-tables
 */
export const NO_CACHE: Readonly<Record<string, string>> = { 'If-None-Match': 'null' };

/** The property of a collection response linking to its next page. */
const NEXT_LINK = '@odata.nextLink';

interface CollectionBody {
  value?: WebApiRecord[];
  [NEXT_LINK]?: string;
}

/** The rows of a collection response body (a `$batch` GET's), or none. */
export function rowsOf(body: unknown): WebApiRecord[] {
  const value = (body as CollectionBody | undefined)?.value;
  return Array.isArray(value) ? value : [];
}

/** The relative URL of a query, as sent inside a `$batch`. */
export function relativeUrl(entitySet: string, query: SimpleQuery): string {
  return collectionUrl(entitySet, {
    select: query.select,
    filter: query.filter,
    expand: query.expand || undefined,
    top: query.top || undefined,
  });
}

/**
 * Reads every row matching a query. A short query is a plain GET (following `@odata.nextLink`);
 * a long one (hundreds of values in an `or` filter) is sent as a GET inside a `$batch`, where the
 * URL travels in the body and may be up to 64 KB.
 * See https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api
 */
export async function queryAll(
  client: DataverseApi,
  entitySet: string,
  query: SimpleQuery,
): Promise<WebApiRecord[]> {
  if (client.apiUrl.length + relativeUrl(entitySet, query).length <= MAX_GET_URL) {
    const rows: WebApiRecord[] = [];
    const listQuery = { select: query.select, filter: query.filter, top: query.top, expand: query.expand };
    const options =
      query.headers || query.signal
        ? { ...(query.headers ? { headers: { ...query.headers } } : {}), signal: query.signal }
        : undefined;
    for await (const row of client.list(entitySet, listQuery, options)) rows.push(row);
    return rows;
  }
  return queryInBatch(client, entitySet, [query]);
}

/** Runs several queries as the GETs of one `$batch` (then pages on, if any result has more). */
async function queryInBatch(
  client: DataverseApi,
  entitySet: string,
  queries: SimpleQuery[],
): Promise<WebApiRecord[]> {
  const rows: WebApiRecord[] = [];
  let urls = queries.map((q) => relativeUrl(entitySet, q));
  const { headers, signal } = queries[0] ?? {};
  while (urls.length > 0) {
    const responses = await client.batch(
      urls.map((url) => ({ method: 'GET' as const, url, ...(headers ? { headers: { ...headers } } : {}) })),
      signal ? { signal } : undefined,
    );
    const next: string[] = [];
    for (const response of responses) {
      if (response.error) throw response.error;
      rows.push(...rowsOf(response.body));
      const link = (response.body as CollectionBody | undefined)?.[NEXT_LINK];
      if (link) next.push(link.slice(link.indexOf(`${entitySet}?`)));
    }
    urls = next;
  }
  return rows;
}

/**
 * Longest `or` filter (as encoded in the URL) sent in one query: a `$batch` body carries URLs up
 * to 64 KB, and this leaves room for the rest of the query.
 */
export const MAX_FILTER_CHARS = 56000;
/** Most `or` terms in one query: SQL engines cap expression depth (SQLite at 1000). */
export const MAX_FILTER_TERMS = 500;

/** A query read by {@link queryAnyOf}: rows matching any of `terms`, and `where` when given. */
export interface AnyOfQuery {
  select: string[];
  /** Filters such as `emailaddress1 eq '…'` (see {@link anyOf}), or-ed together. */
  terms: readonly string[];
  /** A filter and-ed with every group of terms, e.g. only Active rows. */
  where?: string;
}

/**
 * Rows matching any of the query's terms, optionally and-ed with `where`. Terms are grouped into
 * queries of at most {@link MAX_FILTER_TERMS} terms and {@link MAX_FILTER_CHARS} characters; several
 * queries travel together in one `$batch`, so a chunk of a thousand e-mail addresses costs one
 * HTTP request.
 */
export async function queryAnyOf(
  client: DataverseApi,
  entitySet: string,
  { select, terms, where }: AnyOfQuery,
): Promise<WebApiRecord[]> {
  const queries: SimpleQuery[] = [];
  let group: string[] = [];
  let length = 0;
  const close = (): void => {
    if (group.length === 0) return;
    const any = group.length === 1 ? group[0] : `(${group.join(' or ')})`;
    queries.push({ select, filter: where ? `${where} and ${any}` : any });
    group = [];
    length = 0;
  };
  for (const term of terms) {
    const size = encodeQueryValue(term).length + '%20or%20'.length;
    if (length + size > MAX_FILTER_CHARS || group.length >= MAX_FILTER_TERMS) close();
    group.push(term);
    length += size;
  }
  close();
  if (queries.length === 0) return [];
  if (queries.length === 1) return queryAll(client, entitySet, queries[0]);
  return queryInBatch(client, entitySet, queries);
}

/** The fields of a DataverseError this module reads (duck-typed so it works across bundles). */
export interface ErrorLike {
  status?: number;
  code?: string;
  message?: string;
}

/** True when `error` is a Dataverse error with this HTTP status (and code, if given). */
export function isStatus(error: unknown, status: number, code?: string): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as ErrorLike;
  return e.status === status && (code === undefined || e.code?.toLowerCase() === code.toLowerCase());
}

/** Dataverse error codes this module reacts to. */
export const Codes = {
  duplicateRecord: ErrorCodes.DuplicateRecord,
  concurrencyMismatch: ErrorCodes.ConcurrencyVersionMismatch,
} as const;

/** True for 412 version-mismatch (another writer changed the row since it was read). */
export function isConcurrencyConflict(error: unknown): boolean {
  return isStatus(error, 412) && !isDuplicate(error);
}

/**
 * True for "a record with this id already exists": the code, or (a 412 whose body has no code, as
 * Microsoft's examples show) the request, decided by ConcurrencyError.isDuplicate.
 */
export function isDuplicate(error: unknown): boolean {
  const e = error as (ErrorLike & { isDuplicate?: unknown }) | undefined;
  if (typeof e?.isDuplicate === 'boolean') return e.isDuplicate;
  return e?.code?.toLowerCase() === Codes.duplicateRecord;
}
