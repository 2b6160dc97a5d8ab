/**
 * OData literals: the one place a JavaScript value becomes OData text. A string is always a quoted
 * string literal with its single quotes doubled, whatever it looks like, so a user's text can never
 * change what a filter or a function call means; a GUID, an enum member or a collection must be
 * marked as such on purpose ({@link guid}, {@link odataLiteral}). The text is not URL-encoded:
 * {@link encodeQueryValue} does that once, when the URL is put together.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows
 */
import { InvalidArgumentError } from '../../errors';

/** A literal sent exactly as written (before URL encoding). Create it with {@link odataLiteral} or {@link guid}. */
export class ODataLiteral {
  /** @param text the literal as it goes on the wire (before URL encoding). */
  constructor(readonly text: string) {}

  /** The literal text. */
  toString(): string {
    return this.text;
  }
}

/**
 * Marks `text` as a raw OData literal: it is sent as is (URL-encoded), not quoted. Use it only for
 * text you wrote or built yourself, never for user input, e.g.
 * `odataLiteral('["contact","account"]')` (a collection),
 * `odataLiteral("Microsoft.Dynamics.CRM.EntityFilters'Entity'")` (an enum member) or
 * `odataLiteral(JSON.stringify({ '@odata.id': 'accounts(<id>)' }))` (an entity reference).
 */
export function odataLiteral(text: string): ODataLiteral {
  if (typeof text !== 'string' || text === '') {
    throw new InvalidArgumentError(
      'text',
      'odataLiteral needs the literal text, e.g. odataLiteral(\'["contact"]\').',
    );
  }
  return new ODataLiteral(text);
}

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/**
 * A GUID literal (unquoted, lower case, braces dropped) for an id or lookup column, e.g.
 * `{ _parentcustomerid_value: guid(accountId) }`. Throws InvalidArgumentError for anything that is
 * not a GUID, so a value meant as an id can never carry other text into a filter.
 */
export function guid(value: string): ODataLiteral {
  const match = typeof value === 'string' ? GUID.exec(value.trim()) : null;
  if (!match) {
    throw new InvalidArgumentError(
      'guid',
      `"${String(value)}" is not a GUID; give an id such as 5f0d1c2a-8b3e-4e6f-9a10-2b3c4d5e6f70.`,
    );
  }
  return new ODataLiteral(match[1].toLowerCase());
}

/**
 * A value that has an OData literal: a string (always quoted), a finite number, a boolean, null, a
 * Date (an `Edm.DateTimeOffset` in UTC), or a literal made with {@link guid} or {@link odataLiteral}.
 */
export type ODataValue = string | number | boolean | null | Date | ODataLiteral;

/** A value of a function parameter; see {@link ODataValue}. */
export type FunctionParameterValue = ODataValue;

/**
 * The OData literal for a value: `'O''Brien'`, `42`, `true`, `null`, `2026-01-31T09:00:00.000Z`,
 * or the text of an {@link ODataLiteral}. Not URL-encoded. `argument` names the value in the
 * InvalidArgumentError thrown for a value that has no literal (NaN, an invalid Date, an object).
 */
export function literal(value: ODataValue, argument = 'value'): string {
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (value instanceof ODataLiteral) return value.text;
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  throw new InvalidArgumentError(
    argument,
    `${argument} has no OData literal (got ${describe(value)}); give a string, a finite number, a boolean, null, a valid Date, guid(…) or odataLiteral(…).`,
  );
}

function describe(value: unknown): string {
  if (value instanceof Date) return 'an invalid Date';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
