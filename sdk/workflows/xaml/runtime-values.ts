/**
 * Values while a workflow runs, in the canonical column shape (strings, numbers, booleans, ISO
 * dates, `{ logicalName, id, name? }` references, arrays of references for party lists), and the
 * conversions the platform applies for a `TargetType` and for `Add`.
 */

/** A reference to a row (lookup value, or one party of a party list). */
export interface ReferenceValue {
  logicalName: string;
  id: string;
  name?: string;
}

/** True for a `{ logicalName, id }` reference. */
export function isReference(value: unknown): value is ReferenceValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as ReferenceValue).logicalName === 'string' &&
    typeof (value as ReferenceValue).id === 'string'
  );
}

/** A party list from a reference, an array or nothing; duplicates (same table and id) dropped. */
export function toParties(...values: unknown[]): ReferenceValue[] {
  const out: ReferenceValue[] = [];
  const seen = new Set<string>();
  const add = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(add);
    if (!isReference(value)) return;
    const key = `${value.logicalName}:${value.id.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...value });
  };
  values.forEach(add);
  return out;
}

/** True for null, undefined, '' and an empty party list: what SelectFirstNonNull skips. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Formats a value for text (subject, body). Dates become `YYYY-MM-DD` (midnight UTC) or
 * `YYYY-MM-DD HH:mm UTC`; references their name (else id); party lists `a; b`.
 */
export function formatForText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return ISO_DATE_TIME.test(value) ? formatDateTime(new Date(value)) : value;
  if (value instanceof Date) return formatDateTime(value);
  if (Array.isArray(value)) return value.map(formatForText).filter(Boolean).join('; ');
  if (isReference(value)) return value.name ?? value.id;
  return String(value);
}

function formatDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  return iso.slice(11, 23) === '00:00:00.000' ? day : `${day} ${iso.slice(11, 16)} UTC`;
}

/**
 * Converts a value to what a TargetType asks for: `mxs:EntityCollection` → party list,
 * `mxs:EntityReference` → one reference, `x:String` → text, `mxs:OptionSetValue` and
 * numeric types → number, `x:Boolean` → boolean. Others (and `null`) pass through.
 */
export function convertTo(
  targetType: string | null | undefined,
  value: unknown,
  ownerTable?: string,
): unknown {
  if (value === undefined) value = null;
  switch (targetType) {
    case 'mxs:EntityCollection':
      return toParties(value);
    case 'mxs:EntityReference':
      if (Array.isArray(value)) return value.find(isReference) ?? null;
      if (typeof value === 'string' && ownerTable && value) return { logicalName: ownerTable, id: value };
      return value;
    case 'x:String':
      return value === null ? null : formatForText(value);
    case 'mxs:OptionSetValue':
    case 'x:Int32':
    case 'x:Decimal':
    case 'x:Double':
    case 'mxs:Money':
      return value === null || value === '' ? null : Number(value);
    case 'x:Boolean':
      return value === null ? null : value === true || /^(true|1)$/i.test(String(value));
    default:
      return value;
  }
}

/** `Add`: a union of party lists when any operand is a reference, otherwise text concatenation. */
export function addValues(values: unknown[], targetType: string | null | undefined): unknown {
  if (targetType === 'mxs:EntityCollection' || values.some((v) => isReference(v) || Array.isArray(v))) {
    return toParties(...values);
  }
  if (values.length > 0 && values.every((v) => typeof v === 'number')) {
    return (values as number[]).reduce((sum, v) => sum + v, 0);
  }
  return values.map(formatForText).join('');
}
