/** Small text formatting helpers shared by the commands. */

/** The name of an enum member by value (works for TS enums and `as const` objects); the value if unknown. */
export function enumName(enumObject: object, value: unknown): string {
  const entry = Object.entries(enumObject).find(([key, v]) => v === value && Number.isNaN(Number(key)));
  return entry ? entry[0] : String(value);
}

/** Indents every line of `text`. */
export function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

/** A date as an ISO string, or '' when absent. */
export function isoDate(value: Date | string | undefined | null): string {
  if (!value) return '';
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
