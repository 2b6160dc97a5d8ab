/**
 * The system query options of a request ($select, $filter, $orderby, $top, $expand, $count,
 * $skiptoken), split and checked against the table's metadata. `$filter` itself is parsed by
 * @odata/parser in filter-ast.ts; here it is only carried as text, its parameter aliases
 * (`@p1`) replaced by their values.
 */
import { badRequest, ErrorCodes } from '../errors';
import { columnOf, isLookup, navigationOf } from '../metadata';
import type { ColumnMeta, Navigation, TableMeta } from '../metadata';
import { replaceAliases } from './filter-split';

/** One `$orderby` item. */
export interface OrderItem {
  column: ColumnMeta;
  descending: boolean;
}

/** One `$expand` item with its nested options. */
export interface ExpandItem {
  navigation: string;
  nav: Navigation;
  options: QueryOptions;
}

/** Parsed query options for one table. */
export interface QueryOptions {
  select?: ColumnMeta[];
  filter?: string;
  orderBy: OrderItem[];
  top?: number;
  expand: ExpandItem[];
  count: boolean;
  skipToken?: string;
}

const KNOWN = new Set([
  '$select',
  '$filter',
  '$orderby',
  '$top',
  '$expand',
  '$count',
  '$skiptoken',
  '$format',
]);

/** Parses options from `name=value` pairs (already URL-decoded); `nested` inside an `$expand`. */
export function parseQueryOptions(
  table: TableMeta,
  params: Map<string, string>,
  tableOf: (logicalName: string) => TableMeta,
  nested = false,
): QueryOptions {
  for (const key of params.keys()) {
    if (key.startsWith('$') && !KNOWN.has(key)) {
      throw badRequest(
        `The query parameter '${key}' is not supported. Dataverse does not support $skip; follow @odata.nextLink to page.`,
        ErrorCodes.ResourceNotFound,
      );
    }
  }
  const options: QueryOptions = { orderBy: [], expand: [], count: params.get('$count') === 'true' };
  const select = params.get('$select');
  if (select !== undefined)
    options.select = splitTop(select, ',').map((name) => selectColumn(table, name.trim()));
  const filter = params.get('$filter');
  if (filter !== undefined && filter.trim() !== '') {
    options.filter = replaceAliases(
      filter,
      (alias) => params.get(alias),
      (alias) =>
        badRequest(
          `The parameter alias '${alias}' in $filter has no value; add &${alias}=<value> to the query.`,
          ErrorCodes.ResourceNotFound,
        ),
    );
  }
  const orderBy = params.get('$orderby');
  if (orderBy) {
    options.orderBy = splitTop(orderBy, ',').map((item) => {
      const [name, direction = 'asc'] = item.trim().split(/\s+/);
      if (!['asc', 'desc'].includes(direction.toLowerCase()))
        throw badRequest(`Invalid $orderby direction '${direction}'.`, ErrorCodes.ResourceNotFound);
      return { column: selectColumn(table, name), descending: direction.toLowerCase() === 'desc' };
    });
  }
  const top = params.get('$top');
  if (top !== undefined) {
    if (!/^\d+$/.test(top))
      throw badRequest(`Invalid $top '${top}'; use a whole number.`, ErrorCodes.ResourceNotFound);
    options.top = Number(top);
  }
  const expand = params.get('$expand');
  if (expand) options.expand = splitTop(expand, ',').map((item) => expandItem(table, item.trim(), tableOf));
  if (!nested && options.expand.some(hasNestedExpand)) refuseTopAndOrderBy(options.expand);
  options.skipToken = params.get('$skiptoken');
  return options;
}

const ONLY_SELECT_AND_FILTER =
  'Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.';

function hasNestedExpand(item: ExpandItem): boolean {
  return item.options.expand.length > 0;
}

// "You can't use $top or $orderby options to limit the total number of records returned with a
// nested $expand", anywhere in the query. https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/join-tables
function refuseTopAndOrderBy(items: ExpandItem[]): void {
  for (const item of items) {
    if (item.options.top !== undefined || item.options.orderBy.length > 0)
      throw badRequest(ONLY_SELECT_AND_FILTER, ErrorCodes.ResourceNotFound);
    refuseTopAndOrderBy(item.options.expand);
  }
}

/** The column a `$select`/`$orderby` name refers to (`_x_value` for lookups). */
export function selectColumn(table: TableMeta, name: string): ColumnMeta {
  const match = /^_(.+)_value$/.exec(name);
  const column = columnOf(table, match ? match[1] : name);
  // Microsoft's example of this answer carries the code "0x0".
  if (!column || (match && !isLookup(column))) {
    throw badRequest(
      `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
      ErrorCodes.UnknownProperty,
    );
  }
  return column;
}

function expandItem(table: TableMeta, item: string, tableOf: (logicalName: string) => TableMeta): ExpandItem {
  const open = item.indexOf('(');
  const navigation = open < 0 ? item : item.slice(0, open);
  const nav = navigationOf(table, navigation);
  if (!nav) {
    throw badRequest(
      `Could not find a property named '${navigation}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
      ErrorCodes.UnknownProperty,
    );
  }
  const nested = new Map<string, string>();
  if (open >= 0) {
    if (!item.endsWith(')'))
      throw badRequest(`Unbalanced parentheses in $expand '${item}'.`, ErrorCodes.ResourceNotFound);
    for (const part of splitTop(item.slice(open + 1, -1), ';')) {
      const eq = part.indexOf('=');
      if (eq < 0)
        throw badRequest(`Invalid nested option '${part}' in $expand.`, ErrorCodes.ResourceNotFound);
      nested.set(part.slice(0, eq).trim(), part.slice(eq + 1));
    }
  }
  // join-tables.md: nested $expand follows many-to-one and one-to-many relationships, never N:N.
  if (nested.has('$expand') && nav.kind === 'manyToMany')
    throw badRequest(
      `The navigation property '${navigation}' cannot be expanded. Only many-to-one relationships are supported for nested expansion.`,
      ErrorCodes.ResourceNotFound,
    );
  if (nav.kind === 'lookup' && (nested.has('$top') || nested.has('$orderby')))
    throw badRequest(ONLY_SELECT_AND_FILTER, ErrorCodes.ResourceNotFound);
  return { navigation, nav, options: parseQueryOptions(tableOf(nav.target), nested, tableOf, true) };
}

/** Splits on `separator` outside parentheses and quoted strings. */
export function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim() !== '');
}
