/**
 * Listing rows page by page, following `@odata.nextLink` exactly as the server sent it, and counting.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
 */
import { InvalidArgumentError } from '../../errors';
import { unexpectedResponse } from '../error-factory';
import { callHeaders, MAX_PAGE_SIZE, Prefer } from '../headers';
import { collectionUrl, queryString } from '../query/query-string';
import type { ListOptions, ListQuery, Page, PagedAsyncIterable, RequestOptions } from '../types';
import type { OperationContext } from './context';

interface CollectionBody<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
}

function checkPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new InvalidArgumentError(
      'pageSize',
      `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}.`,
    );
  }
  return pageSize;
}

/**
 * The page size to ask for, or undefined for a query with `top`: "Don't use `$top` with the
 * `Prefer: odata.maxpagesize` request header. If you include both, `$top` is ignored." So a query
 * with `top` is sent without the preference (one page of at most `top` rows), and `top` with an
 * explicit `pageSize` is refused.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results#dont-use-the-top-query-option-while-paging-records
 */
function pageSizeFor(query: ListQuery | undefined, options: ListOptions): number | undefined {
  if (query?.top === undefined) return checkPageSize(options.pageSize ?? MAX_PAGE_SIZE);
  if (options.pageSize !== undefined) {
    throw new InvalidArgumentError(
      'pageSize',
      `Give top (${query.top}) or pageSize (${options.pageSize}), not both: Dataverse ignores $top when a page size is asked for.`,
    );
  }
  return undefined;
}

/**
 * Rows of a table matching the query. Only one page is held at a time; each next page is asked
 * for with the same page size, by the exact `@odata.nextLink` (it carries a paging cookie). With
 * `top`, at most `top` rows are fetched and yielded. The query is checked (and its URL built) at
 * once, so a bad filter fails the call, not the iteration.
 */
export function listRecords<T>(
  ctx: OperationContext,
  entitySet: string,
  query?: ListQuery,
  options: ListOptions = {},
): PagedAsyncIterable<T> {
  const pageSize = pageSizeFor(query, options);
  const firstUrl = collectionUrl(entitySet, query);
  const headers = callHeaders(options, [
    pageSize !== undefined && Prefer.maxPageSize(pageSize),
    options.annotations && Prefer.annotations,
  ]);
  const top = query?.top;
  async function* byPage(): AsyncGenerator<Page<T>> {
    let url: string | undefined = firstUrl;
    let left = top ?? Infinity;
    while (url && left > 0) {
      const response: { data: CollectionBody<T> } = await ctx.transport.send<CollectionBody<T>>({
        method: 'GET',
        url,
        headers,
        options,
      });
      const body: CollectionBody<T> = response.data ?? {};
      // A server that pages a `$top` query anyway is not followed past `top` rows.
      const value = (body.value ?? []).slice(0, left);
      left -= value.length;
      url = left > 0 ? body['@odata.nextLink'] : undefined;
      yield { value, nextLink: url, count: body['@odata.count'] };
    }
  }
  return {
    byPage,
    async *[Symbol.asyncIterator](): AsyncGenerator<T> {
      for await (const page of byPage()) yield* page.value;
    },
  };
}

/**
 * Number of rows matching the query's filter (`$count=true&$top=0`, so no rows are transferred);
 * its select, order, expand and top do not change the count and are not sent.
 * Dataverse caps `@odata.count` at 5000.
 */
export async function countRecords(
  ctx: OperationContext,
  entitySet: string,
  query?: ListQuery,
  options: RequestOptions = {},
): Promise<number> {
  const response = await ctx.transport.send<CollectionBody<unknown>>({
    method: 'GET',
    url: `${entitySet}${queryString({ filter: query?.filter }, { count: true, top: 0 })}`,
    headers: callHeaders(options),
    options,
  });
  const count = response.data?.['@odata.count'];
  if (typeof count !== 'number') {
    throw unexpectedResponse(
      response,
      `Dataverse sent no @odata.count for ${entitySet}; check that the entity set name is a table's.`,
    );
  }
  return count;
}
