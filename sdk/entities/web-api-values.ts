/**
 * Reading and writing single values in the Web API's JSON shape: lookups (`_x_value`,
 * `nav@odata.bind`), dates (ISO-8601 strings), etags and plain typed columns. Every mapper in
 * `sdk/entities` goes through these helpers so the conversions exist once.
 */
import type { WebApiRecord } from '../client/types';
import { InvalidArgumentError } from '../errors';
import type { LookupDefinition } from './table';

/** Annotation carrying a lookup's target table on retrieve (needs `odata.include-annotations`). */
export const LOOKUP_LOGICAL_NAME_ANNOTATION = '@Microsoft.Dynamics.CRM.lookuplogicalname';
/** Annotation carrying the display text of a value (lookup names, option labels). */
export const FORMATTED_VALUE_ANNOTATION = '@OData.Community.Display.V1.FormattedValue';
/** Property carrying a row's version, sent back in `If-Match`. */
export const ETAG_PROPERTY = '@odata.etag';
/** Suffix of a property that sets a lookup (or, with an array, a collection) by reference. */
const BIND_SUFFIX = '@odata.bind';

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

/** The row of an expanded single-valued navigation property (`$expand` of a lookup), or undefined. */
export function readExpandedRow(row: WebApiRecord, navigation: string): WebApiRecord | undefined {
  const value = row[navigation];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as WebApiRecord) : undefined;
}

/** The rows of an expanded collection-valued navigation property (N:N, 1:N); empty when not expanded. */
export function readExpandedRows(row: WebApiRecord, navigation: string): WebApiRecord[] {
  const value = row[navigation];
  return Array.isArray(value) ? (value as WebApiRecord[]) : [];
}

/** The ids (`idColumn`, braces stripped, lower case) of an expanded collection's rows. */
export function readExpandedIds(row: WebApiRecord, navigation: string, idColumn: string): string[] {
  return readExpandedRows(row, navigation)
    .map((related) => readString(related, idColumn))
    .filter((id): id is string => id !== undefined)
    .map(stripBraces);
}

/** The row's etag (`@odata.etag`), or undefined. */
export function readEtag(row: WebApiRecord): string | undefined {
  return readString(row, ETAG_PROPERTY);
}

/**
 * Formats a date for the Web API (ISO-8601, UTC). Accepts a Date or a parsable string.
 * @param argument - the field the value came from, named by the InvalidArgumentError a bad date gets
 */
export function formatDate(value: Date | string, argument = 'date'): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(
      argument,
      `"${String(value)}" is not a valid date; use ISO-8601 such as 2026-12-31T00:00:00Z.`,
    );
  }
  return date.toISOString();
}

/**
 * `{ "<navigation>@odata.bind": "/<entitySet>(<id>)" }`, or `{ "<navigation>@odata.bind": null }`
 * to clear the lookup on update.
 */
export function bindLookup(navigation: string, entitySet: string, id: string | null): WebApiRecord {
  return { [`${navigation}${BIND_SUFFIX}`]: id === null ? null : `/${recordPath(entitySet, id)}` };
}

/**
 * `{ "<navigation>@odata.bind": ["/<entitySet>(<id>)", …] }`: links rows of a collection-valued
 * navigation property (N:N) while creating the row that holds it (deep insert).
 */
export function bindCollection(navigation: string, entitySet: string, ids: readonly string[]): WebApiRecord {
  return { [`${navigation}${BIND_SUFFIX}`]: ids.map((id) => `/${recordPath(entitySet, id)}`) };
}

/** `<entitySet>(<id>)`: a row's path relative to the Web API root, as `$batch` requests address it. */
export function recordPath(entitySet: string, id: string): string {
  return `${entitySet}(${stripBraces(id)})`;
}

/** `<entitySet>(<id>)/<navigation>/$ref`: where a POST adds a row to a collection-valued navigation. */
export function referencePath(entitySet: string, id: string, navigation: string): string {
  return `${recordPath(entitySet, id)}/${navigation}/$ref`;
}

/** The body of a `$ref` POST: the absolute URL of the row to link (see `DataverseApi.entityUrl`). */
export function referenceBody(rowUrl: string): WebApiRecord {
  return { '@odata.id': rowUrl };
}

/** Removes `{}` around a GUID and lower-cases it, the form the Web API uses in URLs. */
export function stripBraces(id: string): string {
  return id.replace(/^\{|\}$/g, '').toLowerCase();
}
