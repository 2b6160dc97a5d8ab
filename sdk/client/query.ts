/**
 * Query strings for the Web API, built with odata-query, and the URL shapes of records.
 */
import buildQuery from 'odata-query';
import type { ListQuery } from './types';

/** `?$select=…&$filter=…` for a list query (empty string when there is nothing to add). */
export function listQueryString(
  query: ListQuery | undefined,
  extra?: { count?: boolean; top?: number },
): string {
  const built = buildQuery({
    select: query?.select,
    filter: query?.filter as never,
    orderBy: query?.orderBy as never,
    top: extra?.top ?? query?.top,
    expand: query?.expand as never,
    count: extra?.count,
  });
  return appendRaw(built, query?.raw);
}

/** `?$select=…&$expand=…` for one record (empty string when there is nothing to add). */
export function recordQueryString(select?: string[], expand?: unknown): string {
  return buildQuery({ select, expand: expand as never });
}

function appendRaw(built: string, raw: string | undefined): string {
  const extra = raw?.replace(/^[?&]/, '');
  if (!extra) return built;
  return built ? `${built}&${extra}` : `?${extra}`;
}

/** `contacts(<id>)`; the id may also be an alternate key such as `emailaddress1='a@example.com'`. */
export function recordPath(entitySet: string, id: string): string {
  return `${entitySet}(${id})`;
}

/** The id inside the last parentheses of a record URL (`OData-EntityId`, `@odata.id`). */
export function idFromEntityUrl(url: string | undefined): string | undefined {
  const match = url ? /\(([^()]*)\)\s*$/.exec(url) : null;
  return match ? match[1] : undefined;
}
