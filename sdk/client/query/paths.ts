/**
 * The URL shapes of rows: `contacts(<id>)` and the id at the end of an `OData-EntityId`.
 */

/** `contacts(<id>)`; the id may also be an alternate key such as `emailaddress1='a@example.com'`. */
export function recordPath(entitySet: string, id: string): string {
  return `${entitySet}(${id})`;
}

/** The id inside the last parentheses of a record URL (`OData-EntityId`, `@odata.id`). */
export function idFromEntityUrl(url: string | undefined): string | undefined {
  const match = url ? /\(([^()]*)\)\s*$/.exec(url) : null;
  return match ? match[1] : undefined;
}
