/**
 * The query string of a list, a count or a single row: each system query option written as OData
 * text, then percent-encoded once by {@link encodeQueryValue}.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/overview
 */
import type { ListQuery } from './list-query';
import { encodeQueryValue } from './encode';
import { expandText, orderByText, topText, type ODataExpand } from './expand';
import { filterText } from './filter';

/** Options that only the client adds to a query. */
export interface QueryStringExtras {
  /** `$count=true`: the response carries `@odata.count`. */
  count?: boolean;
  /** `$top`, overriding the query's own. */
  top?: number;
}

/**
 * `?$select=…&$filter=…&$expand=…&$orderby=…&$count=true&$top=…` for a query, each value
 * percent-encoded, then the query's `raw` text as given; an empty string when there is nothing to add.
 */
export function queryString(query?: ListQuery, extras: QueryStringExtras = {}): string {
  const options: string[] = [];
  const add = (name: string, text: string): void => {
    options.push(`${name}=${encodeQueryValue(text)}`);
  };
  if (query?.select?.length) add('$select', query.select.join(','));
  if (query?.filter !== undefined) add('$filter', filterText(query.filter));
  if (query?.expand !== undefined) add('$expand', expandText(query.expand));
  if (query?.orderBy?.length) add('$orderby', orderByText(query.orderBy));
  if (extras.count) add('$count', 'true');
  const top = extras.top ?? query?.top;
  if (top !== undefined) add('$top', topText(top));
  const raw = query?.raw?.replace(/^[?&]/, '');
  if (raw) options.push(raw);
  return options.length > 0 ? `?${options.join('&')}` : '';
}

/**
 * The URL of a query relative to the Web API root, `contacts?$select=…`: what `list()` requests,
 * and what a GET inside a `$batch` carries.
 */
export function collectionUrl(entitySet: string, query?: ListQuery): string {
  return `${entitySet}${queryString(query)}`;
}

/** `?$select=…&$expand=…` for one row (empty string when there is nothing to add). */
export function recordQueryString(select?: readonly string[], expand?: ODataExpand): string {
  return queryString({ select, expand });
}
