/**
 * Function parameter values as OData literals. Every JavaScript string becomes a quoted string
 * literal, whatever it looks like, so a user's text can never change what a function call means;
 * a raw literal (a collection, a complex value, an enum member, an entity reference) must be
 * wrapped in {@link odataLiteral} on purpose.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-web-api-functions#passing-parameters-to-a-function
 */

/** A raw OData literal, sent exactly as written. Create it with {@link odataLiteral}. */
export class ODataLiteral {
  /** @param text the literal as it goes on the wire (before URL encoding). */
  constructor(readonly text: string) {}

  /** The literal text. */
  toString(): string {
    return this.text;
  }
}

/**
 * Marks `text` as a raw OData literal for a function parameter: it is sent as is (URL-encoded),
 * not quoted. Use it only for text you wrote or built yourself, never for user input, e.g.
 * `odataLiteral('["contact","account"]')` (a collection),
 * `odataLiteral("Microsoft.Dynamics.CRM.EntityFilters'Entity'")` (an enum member) or
 * `odataLiteral(JSON.stringify({ '@odata.id': 'accounts(<id>)' }))` (an entity reference).
 */
export function odataLiteral(text: string): ODataLiteral {
  if (typeof text !== 'string' || text === '') {
    throw new TypeError('odataLiteral needs the literal text, e.g. odataLiteral(\'["contact"]\').');
  }
  return new ODataLiteral(text);
}

/**
 * A value of a function parameter: a string (always sent as a quoted string literal), a finite
 * number, a boolean, null, or a raw literal made with {@link odataLiteral}.
 */
export type FunctionParameterValue = string | number | boolean | null | ODataLiteral;

/** The OData literal for one parameter value: `'O''Brien'`, `42`, `true`, `null`, or the raw text. */
export function formatParameterValue(value: FunctionParameterValue): string {
  if (value instanceof ODataLiteral) return value.text;
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new TypeError(
    `A function parameter must be a string, a finite number, a boolean, null or odataLiteral(…), got ${String(value)}.`,
  );
}
