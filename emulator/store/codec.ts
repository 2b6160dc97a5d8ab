/**
 * Conversion between canonical column values (emulator/contracts `ColumnValues`) and SQLite
 * cells: booleans as 0/1, lookups as an id plus the target table in `<name>__type`.
 */
import type { LookupValue } from '../contracts';
import { isLookup } from '../metadata';
import type { ColumnMeta, TableMeta } from '../metadata';
import { typeColumn } from './schema';

/** One SQLite row: column name → cell. */
export type SqlRow = Record<string, string | number | null>;

/** Writes the canonical value of one column into SQLite cells. */
export function encodeColumn(column: ColumnMeta, value: unknown, into: SqlRow): void {
  if (isLookup(column)) {
    const ref = value as LookupValue | null | undefined;
    into[column.name] = ref ? ref.id.toLowerCase() : null;
    into[typeColumn(column.name)] = ref ? ref.logicalName : null;
    return;
  }
  if (value === undefined || value === null) {
    into[column.name] = null;
  } else if (column.type === 'boolean') {
    into[column.name] = value ? 1 : 0;
  } else if (column.type === 'uniqueidentifier') {
    into[column.name] = String(value).toLowerCase();
  } else {
    into[column.name] = value as string | number;
  }
}

/** Reads the canonical value of one column from a SQLite row. */
export function decodeColumn(column: ColumnMeta, row: SqlRow): unknown {
  const raw = row[column.name];
  if (raw === null || raw === undefined) return null;
  if (isLookup(column)) {
    const logicalName = row[typeColumn(column.name)];
    return {
      logicalName: String(logicalName ?? column.targets?.[0] ?? ''),
      id: String(raw),
    } satisfies LookupValue;
  }
  if (column.type === 'boolean') return raw === 1;
  return raw;
}

/** All columns of a SQLite row in canonical shape (party lists are added by the store). */
export function decodeRow(table: TableMeta, row: SqlRow): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const column of table.columns) values[column.name] = decodeColumn(column, row);
  return values;
}
