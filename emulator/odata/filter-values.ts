/**
 * Literals of `$filter` as the values SQLite stores: booleans as 0/1, GUIDs in lower case, dates
 * as ISO-8601 without milliseconds; a value of the wrong type is Dataverse's 400.
 */
import { badRequest, ErrorCodes } from '../errors';
import { isLookup } from '../metadata';
import type { ColumnMeta } from '../metadata';
import type { FilterLiteral } from './filter-ast';

/** A literal as the value stored in `column`; a literal of another type is a 400. */
export function coerce(column: ColumnMeta | undefined, literal: FilterLiteral, raw: string): unknown {
  if (literal.value === null || !column) return literal.value;
  const text = isText(column) || column.type === 'datetime';
  const guid = isLookup(column) || column.type === 'uniqueidentifier';
  if (column.type === 'boolean') {
    if (typeof literal.value !== 'boolean') throw incompatible(raw);
    return literal.value ? 1 : 0;
  }
  if (guid) {
    if (literal.edmType !== 'Edm.Guid') throw incompatible(raw);
    return literal.value;
  }
  if (text !== (typeof literal.value === 'string')) throw incompatible(raw);
  return literal.value;
}

/** Whether a column holds text (compared case-insensitively). */
export function isText(column?: ColumnMeta): boolean {
  return column?.type === 'string' || column?.type === 'memo';
}

function incompatible(raw: string): Error {
  return badRequest(
    `A binary operator with incompatible types was detected in '${raw}'.`,
    ErrorCodes.ResourceNotFound,
  );
}

/** One JSON value of an In/NotIn list as the value stored in `column`; `fn` names the function in errors. */
export function coerceJsonItem(column: ColumnMeta, raw: string, fn: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  const wrong = (expected: string): Error =>
    badRequest(
      `${fn}: the value ${raw} does not fit column '${column.name}' (${expected} expected).`,
      ErrorCodes.ResourceNotFound,
    );
  if (value === null || typeof value === 'object') throw wrong('a string or number');
  if (isLookup(column) || column.type === 'uniqueidentifier') {
    if (typeof value !== 'string' || !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value))
      throw wrong('a GUID');
    return value.toLowerCase();
  }
  switch (column.type) {
    case 'string':
    case 'memo':
      return String(value);
    case 'boolean':
      if (value === true || value === 'true' || value === 1 || value === '1') return 1;
      if (value === false || value === 'false' || value === 0 || value === '0') return 0;
      throw wrong('true or false');
    case 'datetime': {
      const time = Date.parse(String(value));
      if (Number.isNaN(time)) throw wrong('an ISO-8601 date');
      return new Date(time).toISOString().replace(/\.000Z$/, 'Z');
    }
    default: {
      const number = typeof value === 'number' ? value : Number(value);
      if (typeof value === 'boolean' || Number.isNaN(number) || String(value).trim() === '')
        throw wrong('a number');
      return number;
    }
  }
}
