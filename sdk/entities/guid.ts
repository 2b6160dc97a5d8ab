/**
 * Checking ids before they reach a request: a Dataverse primary key is a GUID, written with or
 * without braces, in any case. A value that is not one is refused here with an
 * {@link InvalidArgumentError} naming the argument, instead of travelling into a URL or a `$filter`
 * and coming back as a 400 syntax error from the server.
 */
import { InvalidArgumentError } from '../errors';

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/** True for a GUID such as `3f2a…-…` or `{3F2A…}` (surrounding whitespace ignored). */
export function isGuidText(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value.trim());
}

/**
 * The GUID in the form the Web API uses (no braces, lower case).
 * @param value - what the caller gave
 * @param argument - the parameter it was given as, for the message (e.g. `contactId`)
 * @throws InvalidArgumentError when `value` is not a GUID
 */
export function parseGuid(value: unknown, argument: string): string {
  if (!isGuidText(value)) {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    throw new InvalidArgumentError(
      argument,
      `${argument} ${shown} is not an id: Dataverse ids are GUIDs such as 3f2a6c1e-8d4b-4f0a-9c7e-2b1d5e6f7a80 (braces optional).`,
    );
  }
  return value
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
}

/** Every value through {@link parseGuid}; the message names the first bad one and its position. */
export function parseGuids(values: readonly unknown[], argument: string): string[] {
  return values.map((value, i) => parseGuid(value, values.length > 1 ? `${argument}[${i}]` : argument));
}
