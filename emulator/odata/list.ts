/**
 * Runs a collection query against SQLite: `$filter` as WHERE, keyset paging, `$top`, `$count`.
 * Rows are streamed with `iterate()` and only one page is ever held.
 */
import type { StoredRow } from '../contracts';
import type { TableMeta } from '../metadata';
import { ident } from '../store/schema';
import type { SqlRow } from '../store/codec';
import type { Store } from '../store/store';
import { filterToSql } from './filter-sql';
import { afterKeySql, decodeSkipToken, encodeSkipToken, orderBySql, sortOrder } from './paging';
import type { QueryOptions } from './query-options';

/** Where rows come from: a whole table, or a navigation's join (`FROM ... WHERE ...` with `?` params). */
export interface RowSource {
  from: string;
  params: unknown[];
  alias: string;
}

/** One page of a query. */
export interface ListPage {
  rows: StoredRow[];
  /** `$skiptoken` value for the next page, when there is one. */
  skipToken?: string;
  count?: number;
  countLimitExceeded?: boolean;
}

/** Dataverse's largest page and the cap on `@odata.count`. */
export const MAX_PAGE_SIZE = 5000;

/** The source for every row of a table. */
export function tableSource(table: TableMeta): RowSource {
  return { from: `FROM ${ident(table.logicalName)} a WHERE 1 = 1`, params: [], alias: 'a' };
}

/** Runs one page of a query. */
export function listPage(
  store: Store,
  table: TableMeta,
  options: QueryOptions,
  pageSize: number,
  source: RowSource = tableSource(table),
): ListPage {
  const where: string[] = [];
  const params: unknown[] = [...source.params];
  if (options.filter) {
    const filter = filterToSql(options.filter, table, source.alias);
    where.push(filter.sql);
    params.push(...filter.params);
  }
  const countParams = [...params];
  const countWhere = [...where];
  const order = sortOrder(table, options.orderBy);
  let page = 1;
  if (options.skipToken) {
    const cookie = decodeSkipToken(options.skipToken);
    const after = afterKeySql(order, source.alias, cookie.keys);
    where.push(after.sql);
    params.push(...after.params);
    page = cookie.page + 1;
  }
  const paged = options.top === undefined;
  const limit = paged ? pageSize : Math.min(options.top as number, MAX_PAGE_SIZE);
  const sql = `SELECT ${source.alias}.* ${source.from}${where.map((w) => ` AND ${w}`).join('')} ORDER BY ${orderBySql(order, source.alias)} LIMIT ${limit + 1}`;
  // The connection is busy while iterating, so collect the page's raw rows before decoding them.
  const raws: SqlRow[] = [];
  let more = false;
  for (const raw of store.prepare(sql).iterate(...params) as IterableIterator<SqlRow>) {
    if (raws.length === limit) {
      more = true;
      break;
    }
    raws.push(raw);
  }
  const last = raws[raws.length - 1];
  const result: ListPage = { rows: raws.map((raw) => store.toStored(table, raw)) };
  if (paged && more && last) result.skipToken = encodeSkipToken(order, last, page);
  if (options.count) {
    const countSql = `SELECT COUNT(*) AS n ${source.from}${countWhere.map((w) => ` AND ${w}`).join('')}`;
    const n = (store.prepare(countSql).get(...countParams) as { n: number }).n;
    result.count = Math.min(n, MAX_PAGE_SIZE);
    result.countLimitExceeded = n > MAX_PAGE_SIZE;
  }
  return result;
}

/** `/$count`: the number of matching rows (capped at 5000 like Dataverse). */
export function countRows(
  store: Store,
  table: TableMeta,
  filter: string | undefined,
  source: RowSource = tableSource(table),
): number {
  const where = filter ? filterToSql(filter, table, source.alias) : undefined;
  const sql = `SELECT COUNT(*) AS n ${source.from}${where ? ` AND ${where.sql}` : ''}`;
  const n = (store.prepare(sql).get(...source.params, ...(where?.params ?? [])) as { n: number }).n;
  return Math.min(n, MAX_PAGE_SIZE);
}
