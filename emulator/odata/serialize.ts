/**
 * Rows in the Web API's JSON shape: `@odata.etag`, the selected columns, lookups as `_x_value`,
 * and — when `Prefer: odata.include-annotations` asks — FormattedValue, lookuplogicalname and
 * associatednavigationproperty annotations.
 */
import type { LookupValue, StoredRow } from '../contracts';
import { isLookup, visibleColumns } from '../metadata';
import type { ColumnMeta, TableMeta } from '../metadata';
import type { Store } from '../store/store';

/** Which annotations a request asked for. */
export type AnnotationFilter = (annotation: string) => boolean;

/** The filter for a `odata.include-annotations` value (`*`, a list, or `Prefix.*` patterns). */
export function annotationFilter(preference: string | undefined): AnnotationFilter {
  if (!preference) return () => false;
  const patterns = preference
    .replace(/"/g, '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith('-'));
  return (annotation) =>
    patterns.some(
      (p) => p === '*' || p === annotation || (p.endsWith('.*') && annotation.startsWith(p.slice(0, -1))),
    );
}

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';
const LOOKUP_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';
const NAVIGATION = 'Microsoft.Dynamics.CRM.associatednavigationproperty';

/** Serialises one row; `select` undefined means every column. */
export function serializeRow(
  store: Store,
  table: TableMeta,
  row: StoredRow,
  select: ColumnMeta[] | undefined,
  annotations: AnnotationFilter,
): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': `W/"${row.version}"` };
  const columns = select
    ? [...new Set([...select, table.columns.find((c) => c.name === table.primaryId) as ColumnMeta])]
    : visibleColumns(table);
  for (const column of columns) {
    const value = row.values[column.name] ?? null;
    if (isLookup(column)) {
      writeLookup(store, out, column, value as LookupValue | null, annotations);
      continue;
    }
    out[column.name] = value;
    if (value !== null && annotations(FORMATTED)) {
      const formatted = formatValue(column, value);
      if (formatted !== undefined) out[`${column.name}@${FORMATTED}`] = formatted;
    }
  }
  return out;
}

function writeLookup(
  store: Store,
  out: Record<string, unknown>,
  column: ColumnMeta,
  ref: LookupValue | null,
  annotations: AnnotationFilter,
): void {
  const key = `_${column.name}_value`;
  if (ref && annotations(FORMATTED)) {
    const name = ref.name ?? store.primaryName(ref);
    if (name !== undefined) out[`${key}@${FORMATTED}`] = name;
  }
  if (ref && annotations(NAVIGATION))
    out[`${key}@${NAVIGATION}`] = column.navigation?.[ref.logicalName] ?? column.name;
  if (ref && annotations(LOOKUP_NAME)) out[`${key}@${LOOKUP_NAME}`] = ref.logicalName;
  out[key] = ref ? ref.id : null;
}

/** The FormattedValue Dataverse gives a column value (en-US), or undefined. */
export function formatValue(column: ColumnMeta, value: unknown): string | undefined {
  switch (column.type) {
    case 'choice':
    case 'state':
    case 'status':
      return column.options?.[value as number];
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'int':
    case 'decimal':
      return (value as number).toLocaleString('en-US');
    case 'datetime':
      return column.dateOnly ? formatDateOnly(String(value)) : formatDate(String(value));
    default:
      return undefined;
  }
}

// The emulator's users keep UTC, so the date is the UTC date of the stored instant.
function formatDateOnly(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hours = d.getUTCHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const minutes = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}
