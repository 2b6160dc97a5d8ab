/**
 * Handlers for rows: create (POST), retrieve (GET), update/upsert (PATCH), delete (DELETE),
 * with `Prefer: return=representation`, If-Match / If-None-Match and client-chosen ids.
 */
import type { StoredRow } from '../contracts';
import { DataverseFault, ErrorCodes, notFound } from '../errors';
import type { TableMeta } from '../metadata';
import { tableByLogicalName } from '../metadata';
import { mapBody } from '../odata/body';
import type { MappedBody } from '../odata/body';
import { serializeWithExpand } from '../odata/expand';
import { parseQueryOptions } from '../odata/query-options';
import { annotationFilter } from '../odata/serialize';
import { mustTable } from '../store/store';
import { jsonResponse, noContent, parsePrefer, queryParams } from './types';
import type { ApiEnvironment, ApiRequest, ApiResponse } from './types';

/** Parses a JSON request body; an unreadable one is Dataverse's 400. */
export function readJson(request: ApiRequest): unknown {
  if (request.body.trim() === '') return {};
  try {
    return JSON.parse(request.body);
  } catch {
    throw new DataverseFault(
      400,
      ErrorCodes.InvalidPayload,
      'The request body is not valid JSON. Send a JSON object with Content-Type: application/json.',
    );
  }
}

/** The absolute URL of a row (what OData-EntityId carries). */
export function entityUrl(env: ApiEnvironment, table: TableMeta, id: string): string {
  return `${env.apiUrl}${table.entitySet}(${id})`;
}

/** The row serialised for a response with the request's $select/$expand and annotations. */
export function representation(
  env: ApiEnvironment,
  request: ApiRequest,
  table: TableMeta,
  row: StoredRow,
): Record<string, unknown> {
  const options = parseQueryOptions(table, queryParams(request.query), mustTable);
  const annotations = annotationFilter(parsePrefer(request.headers.prefer).includeAnnotations);
  return {
    '@odata.context': `${env.apiUrl}$metadata#${table.entitySet}/$entity`,
    ...serializeWithExpand(env.store, table, row, options, annotations),
  };
}

/** POST <set>. */
export async function createRow(
  env: ApiEnvironment,
  request: ApiRequest,
  table: TableMeta,
): Promise<ApiResponse> {
  const mapped = mapBody(table, readJson(request), env.resolveContentId);
  const row = await env.ops.transaction(() =>
    writeCreate(env, table, mapped, mapped.values[table.primaryId] as string | undefined),
  );
  return writtenResponse(env, request, table, row, 201);
}

/** Creates the row, then its N:N links and 1:N children, in the caller's transaction. */
async function writeCreate(
  env: ApiEnvironment,
  table: TableMeta,
  mapped: MappedBody,
  id: string | undefined,
): Promise<StoredRow> {
  const values = { ...mapped.values };
  delete values[table.primaryId];
  const row = await env.ops.create(table.logicalName, values, env.context, id);
  for (const link of mapped.associations)
    await env.ops.associate(link.relationship, table.logicalName, row.id, link.related, env.context);
  for (const child of mapped.children) {
    await env.ops.update(
      child.table,
      child.id,
      { [child.lookup]: { logicalName: table.logicalName, id: row.id } },
      env.context,
    );
  }
  return env.ops.retrieve(table.logicalName, row.id) ?? row;
}

/** GET <set>(<id>). */
export function retrieveRow(
  env: ApiEnvironment,
  request: ApiRequest,
  table: TableMeta,
  id: string,
): ApiResponse {
  const row = env.ops.retrieve(table.logicalName, id);
  if (!row) throw notFound(table.logicalName, id);
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && etagMatches(ifNoneMatch, row))
    return { status: 304, headers: { 'OData-Version': '4.0', ETag: etagOf(row) } };
  return jsonResponse(200, representation(env, request, table, row), {
    ETag: etagOf(row),
    ...preferenceApplied(request),
  });
}

/** PATCH <set>(<id>): update, or create with that id (upsert) unless `If-Match` forbids it. */
export async function patchRow(
  env: ApiEnvironment,
  request: ApiRequest,
  table: TableMeta,
  id: string,
): Promise<ApiResponse> {
  const mapped = mapBody(table, readJson(request), env.resolveContentId);
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  let created = false;
  const row = await env.ops.transaction(async () => {
    const existing = env.ops.retrieve(table.logicalName, id);
    if (!existing) {
      if (ifMatch) throw notFound(table.logicalName, id);
      created = true;
      return writeCreate(env, table, mapped, id);
    }
    if (ifNoneMatch?.trim() === '*') {
      throw new DataverseFault(
        412,
        ErrorCodes.DuplicateRecord,
        `A record with matching key values already exists (${table.logicalName} ${existing.id}).`,
      );
    }
    checkIfMatch(ifMatch, existing);
    const values = { ...mapped.values };
    delete values[table.primaryId];
    await env.ops.update(table.logicalName, existing.id, values, env.context);
    for (const link of mapped.associations)
      await env.ops.associate(link.relationship, table.logicalName, existing.id, link.related, env.context);
    return env.ops.retrieve(table.logicalName, existing.id) as StoredRow;
  });
  return writtenResponse(env, request, table, row, created ? 201 : 200);
}

/** DELETE <set>(<id>). */
export async function deleteRow(
  env: ApiEnvironment,
  request: ApiRequest,
  table: TableMeta,
  id: string,
): Promise<ApiResponse> {
  await env.ops.transaction(async () => {
    const existing = env.ops.retrieve(table.logicalName, id);
    if (!existing) throw notFound(table.logicalName, id);
    checkIfMatch(request.headers['if-match'], existing);
    await env.ops.delete(table.logicalName, existing.id, env.context);
  });
  return noContent();
}

/** Throws 412 when `If-Match` names another version of the row. */
export function checkIfMatch(ifMatch: string | undefined, row: StoredRow): void {
  if (!ifMatch || ifMatch.trim() === '*') return;
  if (!etagMatches(ifMatch, row)) {
    throw new DataverseFault(
      412,
      ErrorCodes.ConcurrencyVersionMismatch,
      `The version of the existing record doesn't match the RowVersion property provided. The row is now at ${etagOf(row)}; read it again and retry.`,
    );
  }
}

function etagOf(row: StoredRow): string {
  return `W/"${row.version}"`;
}

function etagMatches(header: string, row: StoredRow): boolean {
  return header
    .split(',')
    .some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === `"${row.version}"`);
}

function preferenceApplied(request: ApiRequest): Record<string, string> {
  const annotations = parsePrefer(request.headers.prefer).includeAnnotations;
  return annotations ? { 'Preference-Applied': `odata.include-annotations="${annotations}"` } : {};
}

function writtenResponse(
  env: ApiEnvironment,
  request: ApiRequest,
  table: TableMeta,
  row: StoredRow,
  representationStatus: number,
): ApiResponse {
  const headers = { 'OData-EntityId': entityUrl(env, table, row.id) };
  if (!parsePrefer(request.headers.prefer).returnRepresentation) return noContent(headers);
  const body = representation(env, request, tableByLogicalName(row.logicalName) ?? table, row);
  return jsonResponse(representationStatus, body, {
    ...headers,
    ETag: etagOf(row),
    'Preference-Applied': 'return=representation',
  });
}
