/**
 * Maps a Web API path to its handler: entity sets, rows, properties, navigations, `$ref`,
 * `$count`, `$batch`, and bound/unbound actions and functions.
 */
import { DataverseFault, ErrorCodes, unknownSegment } from '../errors';
import { columnOf, isLookup, navigationOf, tableByEntitySet, visibleTables } from '../metadata';
import type { TableMeta } from '../metadata';
import { parseKeySegment } from '../odata/references';
import { isGuid } from '../validation';
import { callOperation } from './action-handlers';
import { createRow, deleteRow, patchRow, readJson, retrieveRow } from './entity-handlers';
import { countCollection, getNavigation, getProperty, listRows } from './query-handlers';
import { handleRef } from './ref-handlers';
import { jsonResponse, noContent } from './types';
import type { ApiEnvironment, ApiRequest, ApiResponse } from './types';

const ACTION_PREFIX = 'Microsoft.Dynamics.CRM.';

/** Handles one request (a top-level request or a `$batch` part other than `$batch` itself). */
export async function route(env: ApiEnvironment, request: ApiRequest): Promise<ApiResponse> {
  const segments = request.path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  if (segments.length === 0) return serviceDocument(env);
  const first = parseKeySegment(segments[0]);
  const table = tableByEntitySet(first.name);
  if (!table) {
    if (segments.length > 1) throw unknownSegment(segments[0]);
    allow(request, ['GET', 'POST']);
    return callOperation(env, request, segments[0]);
  }
  if (first.key === undefined) return collection(env, request, table, segments);
  if (!isGuid(first.key)) {
    throw new DataverseFault(
      400,
      ErrorCodes.ResourceNotFound,
      `'${first.key}' is not a valid key for ${table.entitySet}; use a GUID.`,
    );
  }
  return row(env, request, table, first.key.toLowerCase(), segments.slice(1));
}

function collection(
  env: ApiEnvironment,
  request: ApiRequest,
  table: TableMeta,
  segments: string[],
): Promise<ApiResponse> | ApiResponse {
  if (segments.length === 1) {
    allow(request, ['GET', 'POST']);
    return request.method === 'GET' ? listRows(env, request, table) : createRow(env, request, table);
  }
  if (segments.length === 2 && segments[1] === '$count') {
    allow(request, ['GET']);
    return countCollection(env, request, table);
  }
  if (segments.length === 2 && segments[1].startsWith(ACTION_PREFIX)) {
    allow(request, ['GET', 'POST']);
    return callOperation(env, request, segments[1], { table });
  }
  throw unknownSegment(segments[1]);
}

async function row(
  env: ApiEnvironment,
  request: ApiRequest,
  table: TableMeta,
  id: string,
  rest: string[],
): Promise<ApiResponse> {
  if (rest.length === 0) {
    allow(request, ['GET', 'PATCH', 'DELETE']);
    if (request.method === 'GET') return retrieveRow(env, request, table, id);
    return request.method === 'PATCH'
      ? patchRow(env, request, table, id)
      : deleteRow(env, request, table, id);
  }
  if (rest[0].startsWith(ACTION_PREFIX)) {
    allow(request, ['GET', 'POST']);
    return callOperation(env, request, rest[0], { table, id });
  }
  const { name, key } = parseKeySegment(rest[0]);
  const nav = navigationOf(table, name);
  if (nav) {
    if (rest.length === 1 && key === undefined) {
      allow(request, ['GET']);
      return getNavigation(env, request, table, id, name, nav);
    }
    if (rest[rest.length - 1] === '$ref' && rest.length === 2)
      return handleRef(env, request, table, id, nav, key?.toLowerCase());
    throw unknownSegment(rest[rest.length - 1]);
  }
  const column = columnOf(table, name);
  if (column && !isLookup(column) && rest.length === 1) {
    allow(request, ['GET', 'PUT', 'DELETE']);
    if (request.method === 'GET') return getProperty(env, table, id, name);
    const value = request.method === 'PUT' ? (readJson(request) as { value?: unknown }).value : null;
    await env.ops.update(table.logicalName, id, { [name]: value ?? null }, env.context);
    return noContent();
  }
  throw unknownSegment(rest[0]);
}

function allow(request: ApiRequest, methods: string[]): void {
  if (!methods.includes(request.method)) {
    throw new DataverseFault(
      405,
      ErrorCodes.MethodNotAllowed,
      `The HTTP method '${request.method}' is not allowed for '${request.path}'. Allowed: ${methods.join(', ')}.`,
      { Allow: methods.join(', ') },
    );
  }
}

function serviceDocument(env: ApiEnvironment): ApiResponse {
  return jsonResponse(200, {
    '@odata.context': `${env.apiUrl}$metadata`,
    value: visibleTables().map((t) => ({ name: t.entitySet, kind: 'EntitySet', url: t.entitySet })),
  });
}
