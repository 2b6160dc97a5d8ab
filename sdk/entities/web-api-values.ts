/**
 * Reading and writing single values in the Web API's JSON shape: lookups (`_x_value`,
 * `nav@odata.bind`), dates (ISO-8601 strings), etags and plain typed columns. Every mapper in
 * `sdk/entities` goes through these helpers so the conversions exist once.
 */
import type { WebApiRecord } from '../client/types';
import type { LookupDefinition } from './table';

/** Annotation carrying a lookup's target table on retrieve (needs `odata.include-annotations`). */
export const LOOKUP_LOGICAL_NAME_ANNOTATION = '@Microsoft.Dynamics.CRM.lookuplogicalname';
/** Annotation carrying the display text of a value (lookup names, option labels). */
export const FORMATTED_VALUE_ANNOTATION = '@OData.Community.Display.V1.FormattedValue';

/** A string column, or undefined when missing/null. */
export function readString(row: WebApiRecord, column: string): string | undefined {
  const value = row[column];
  return typeof value === 'string' ? value : undefined;
}

/** A number column (int, choice), or undefined when missing/null. */
export function readNumber(row: WebApiRecord, column: string): number | undefined {
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** A boolean column, or undefined when missing/null. */
export function readBoolean(row: WebApiRecord, column: string): boolean | undefined {
  const value = row[column];
  return typeof value === 'boolean' ? value : undefined;
}

/** A date-time column as a Date, or undefined when missing, null or unparsable. */
export function readDate(row: WebApiRecord, column: string): Date | undefined {
  const value = row[column];
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The id a lookup points to (`_<column>_value`), or undefined. */
export function readLookupId(
  row: WebApiRecord,
  lookup: Pick<LookupDefinition, 'valueField'>,
): string | undefined {
  return readString(row, lookup.valueField);
}

/** The target table of a (polymorphic) lookup, when the row carries annotations. */
export function readLookupTarget(
  row: WebApiRecord,
  lookup: Pick<LookupDefinition, 'valueField'>,
): string | undefined {
  return readString(row, `${lookup.valueField}${LOOKUP_LOGICAL_NAME_ANNOTATION}`);
}

/** The row's etag (`@odata.etag`), or undefined. */
export function readEtag(row: WebApiRecord): string | undefined {
  return readString(row, '@odata.etag');
}

/** Formats a date for the Web API (ISO-8601, UTC). Accepts a Date or a parsable string. */
export function formatDate(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new TypeError(`"${String(value)}" is not a valid date; use ISO-8601 such as 2026-12-31T00:00:00Z.`);
  }
  return date.toISOString();
}

/**
 * `{ "<navigation>@odata.bind": "/<entitySet>(<id>)" }`, or `{ "<navigation>@odata.bind": null }`
 * to clear the lookup on update.
 */
export function bindLookup(navigation: string, entitySet: string, id: string | null): WebApiRecord {
  return { [`${navigation}@odata.bind`]: id === null ? null : `/${entitySet}(${stripBraces(id)})` };
}

/** Removes `{}` around a GUID and lower-cases it, the form the Web API uses in URLs. */
export function stripBraces(id: string): string {
  return id.replace(/^\{|\}$/g, '').toLowerCase();
}
