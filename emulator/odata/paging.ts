/**
 * Keyset paging: rows come from SQLite in `$orderby` order (then by primary key) and a page ends
 * with a `$skiptoken` paging cookie holding the sort key of its last row, so the next page is a
 * WHERE on that key — memory stays bounded by one page however large the table.
 */
import { badRequest, ErrorCodes } from '../errors';
import type { ColumnMeta, TableMeta } from '../metadata';
import { ident } from '../store/schema';
import type { SqlRow } from '../store/codec';
import type { OrderItem } from './query-options';

/** The decoded paging cookie: page number and the last row's sort key. */
export interface PagingCookie {
  page: number;
  keys: Array<string | number | null>;
}

/** The full sort: `$orderby` items then the primary key. */
export function sortOrder(table: TableMeta, orderBy: OrderItem[]): OrderItem[] {
  const pk = table.columns.find((c) => c.name === table.primaryId) as ColumnMeta;
  return orderBy.some((o) => o.column === pk) ? orderBy : [...orderBy, { column: pk, descending: false }];
}

const collate = (column: ColumnMeta): string =>
  column.type === 'string' || column.type === 'memo' ? ' COLLATE NOCASE' : '';

/** `ORDER BY` for the sort, rows aliased `alias`. */
export function orderBySql(order: OrderItem[], alias: string): string {
  return order
    .map((o) => `${alias}.${ident(o.column.name)}${collate(o.column)} ${o.descending ? 'DESC' : 'ASC'}`)
    .join(', ');
}

/** The WHERE fragment selecting rows after the cookie's key (SQLite puts NULLs first ascending). */
export function afterKeySql(
  order: OrderItem[],
  alias: string,
  keys: PagingCookie['keys'],
): { sql: string; params: unknown[] } {
  if (keys.length !== order.length)
    throw badRequest(
      'The $skiptoken does not belong to this query; start paging again.',
      ErrorCodes.ResourceNotFound,
    );
  const alternatives: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < order.length; i++) {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      const col = `${alias}.${ident(order[j].column.name)}`;
      if (keys[j] === null) parts.push(`${col} IS NULL`);
      else {
        parts.push(`${col} = ?${collate(order[j].column)}`);
        params.push(keys[j]);
      }
    }
    const col = `${alias}.${ident(order[i].column.name)}`;
    const value = keys[i];
    if (!order[i].descending) {
      if (value === null) parts.push(`${col} IS NOT NULL`);
      else {
        parts.push(`${col} > ?${collate(order[i].column)}`);
        params.push(value);
      }
    } else if (value === null) {
      parts.push('0');
    } else {
      parts.push(`(${col} < ?${collate(order[i].column)} OR ${col} IS NULL)`);
      params.push(value);
    }
    alternatives.push(`(${parts.join(' AND ')})`);
  }
  return { sql: `(${alternatives.join(' OR ')})`, params };
}

/** Builds the `$skiptoken` value (a Dataverse-style paging cookie) after `last`. */
export function encodeSkipToken(order: OrderItem[], last: SqlRow, page: number): string {
  const keys = order.map((o) => last[o.column.name] ?? null);
  const inner = `<cookie page="${page}"><key last="${Buffer.from(JSON.stringify(keys)).toString('base64url')}" /></cookie>`;
  return `<cookie pagenumber="${page + 1}" pagingcookie="${encodeURIComponent(encodeURIComponent(inner))}" istracking="False" />`;
}

/** Reads a `$skiptoken` produced by {@link encodeSkipToken}. */
export function decodeSkipToken(token: string): PagingCookie {
  try {
    const pageMatch = /pagenumber="(\d+)"/.exec(token);
    const cookieMatch = /pagingcookie="([^"]*)"/.exec(token);
    const inner = decodeURIComponent(decodeURIComponent(cookieMatch?.[1] ?? ''));
    const keyMatch = /last="([^"]*)"/.exec(inner);
    const keys = JSON.parse(
      Buffer.from(keyMatch?.[1] ?? '', 'base64url').toString('utf8'),
    ) as PagingCookie['keys'];
    if (!pageMatch || !Array.isArray(keys)) throw new Error('incomplete');
    return { page: Number(pageMatch[1]) - 1, keys };
  } catch {
    throw badRequest(
      'The $skiptoken is not a paging cookie from this server; follow @odata.nextLink exactly as given.',
      ErrorCodes.ResourceNotFound,
    );
  }
}
