/**
 * Collection reads: GET <set> with query options and paging, GET <set>/$count, GET of a row's
 * collection navigation (`contacts(<id>)/adx_webrole_contact`) or lookup navigation.
 */
import type { LookupValue } from '../contracts';
import { badRequest, ErrorCodes, notFound } from '../errors';
import { tableByLogicalName } from '../metadata';
import type { Navigation, TableMeta } from '../metadata';
import { serializeWithExpand } from '../odata/expand';
import { countRows, listPage, MAX_PAGE_SIZE, tableSource } from '../odata/list';
import type { RowSource } from '../odata/list';
import { navigationSource } from '../odata/navigation-sql';
import { parseQueryOptions } from '../odata/query-options';
import { annotationFilter } from '../odata/serialize';
import { mustTable } from '../store/store';
import { representation } from './entity-handlers';
import { jsonResponse, parsePrefer, queryParams } from './types';
import type { ApiEnvironment, ApiRequest, ApiResponse } from './types';

/** GET <set> (or a collection navigation when `source` is given). */
export function listRows(
  env: ApiEnvironment,
  request: ApiRequest,
  table: TableMeta,
  source?: RowSource,
  contextPath?: string,
): ApiResponse {
  const params = queryParams(request.query);
  const prefer = parsePrefer(request.headers.prefer);
  const parsed = parseQueryOptions(table, params, mustTable);
  // "Don't use $top with the Prefer: odata.maxpagesize request header. If you include both, $top
  // is ignored." https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
  const options = prefer.maxPageSize !== undefined ? { ...parsed, top: undefined } : parsed;
  const pageSize = Math.min(Math.max(prefer.maxPageSize ?? MAX_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const annotations = annotationFilter(prefer.includeAnnotations);
  const page = listPage(env.store, table, options, pageSize, source ?? tableSource(table));
  const select = options.select ? `(${options.select.map((c) => c.name).join(',')})` : '';
  const body: Record<string, unknown> = {
    '@odata.context': `${env.apiUrl}$metadata#${contextPath ?? table.entitySet}${select}`,
  };
  if (page.count !== undefined) {
    body['@odata.count'] = page.count;
    if (page.countLimitExceeded) body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded'] = true;
  }
  body.value = page.rows.map((row) => serializeWithExpand(env.store, table, row, options, annotations));
  if (page.skipToken) body['@odata.nextLink'] = nextLink(env, request, page.skipToken);
  const applied: string[] = [];
  if (prefer.maxPageSize !== undefined) applied.push(`odata.maxpagesize=${pageSize}`);
  if (prefer.includeAnnotations) applied.push(`odata.include-annotations="${prefer.includeAnnotations}"`);
  return jsonResponse(200, body, applied.length ? { 'Preference-Applied': applied.join(',') } : {});
}

/** GET <set>/$count: the number as plain text. */
export function countCollection(env: ApiEnvironment, request: ApiRequest, table: TableMeta): ApiResponse {
  const filter = queryParams(request.query).get('$filter');
  const n = countRows(env.store, table, filter && filter.trim() !== '' ? filter : undefined);
  return { status: 200, headers: { 'Content-Type': 'text/plain', 'OData-Version': '4.0' }, body: String(n) };
}

/** GET <set>(<id>)/<navigation>. */
export function getNavigation(
  env: ApiEnvironment,
  request: ApiRequest,
  table: TableMeta,
  id: string,
  name: string,
  nav: Navigation,
): ApiResponse {
  const row = env.ops.retrieve(table.logicalName, id);
  if (!row) throw notFound(table.logicalName, id);
  const target = tableByLogicalName(nav.target) as TableMeta;
  if (nav.kind === 'lookup') {
    const ref = row.values[nav.column.name] as LookupValue | null;
    const related =
      ref && ref.logicalName === target.logicalName
        ? env.ops.retrieve(target.logicalName, ref.id)
        : undefined;
    if (!related) throw notFound(target.logicalName, ref?.id ?? '(empty)');
    return jsonResponse(200, representation(env, request, target, related));
  }
  const source = navigationSource(nav, table, row.id);
  return listRows(env, request, target, source, `${table.entitySet}(${row.id})/${name}`);
}

/** GET <set>(<id>)/<column>: `{ value }` of one column. */
export function getProperty(env: ApiEnvironment, table: TableMeta, id: string, column: string): ApiResponse {
  const row = env.ops.retrieve(table.logicalName, id);
  if (!row) throw notFound(table.logicalName, id);
  const value = row.values[column];
  if (value !== null && typeof value === 'object')
    throw badRequest(`'${column}' is a lookup; read _${column}_value instead.`, ErrorCodes.ResourceNotFound);
  return jsonResponse(200, {
    '@odata.context': `${env.apiUrl}$metadata#${table.entitySet}(${row.id})/${column}`,
    value,
  });
}

function nextLink(env: ApiEnvironment, request: ApiRequest, token: string): string {
  const kept = request.query.split('&').filter((part) => part !== '' && !/^(\$|%24)skiptoken=/i.test(part));
  kept.push(`$skiptoken=${encodeURIComponent(token)}`);
  return `${env.apiUrl}${request.path}?${kept.join('&')}`;
}
