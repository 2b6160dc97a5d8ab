/**
 * Conversion between canonical column values (emulator/contracts `ColumnValues`) and SQLite
 * cells: booleans as 0/1, lookups as an id plus the target table in `<name>__type`. Text is stored
 * as valid UTF-8 or refused: a string or memo value must hold only characters XML allows, as
 * Dataverse requires (ErrorCodes.InvalidCharactersInField); any other text must at least be well-formed UTF-16 (no
 * lone surrogate, which has no UTF-8 form).
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/best-practices/work-with-data/invalidcharactersinfield
 */
import type { LookupValue } from '../contracts';
import { DataverseFault, ErrorCodes } from '../errors';
import { isLookup } from '../metadata';
import type { ColumnMeta, TableMeta } from '../metadata';
import { typeColumn } from './schema';

// XmlConvert.VerifyXmlChars accepts #x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD and surrogate pairs.
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
    if (typeof value === 'string') checkText(column, value);
    into[column.name] = value as string | number;
  }
}

function checkText(column: ColumnMeta, value: string): void {
  const xml = column.type === 'string' || column.type === 'memo';
  if ((xml ? NOT_XML_CHAR : LONE_SURROGATE).test(value)) {
    throw new DataverseFault(
      400,
      ErrorCodes.InvalidCharactersInField,
      `The field '${column.name}' contains one or more invalid characters. Remove control characters ` +
        'and unpaired surrogates (e.g. a lone "\\ud800" in JSON) and try again.',
    );
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
