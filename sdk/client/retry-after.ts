/**
 * Reading `Retry-After`, which Dataverse sends with 429 as seconds; RFC 9110 also allows an HTTP date.
 */

/**
 * Milliseconds to wait for a `Retry-After` value given as delta-seconds or an HTTP date, measured
 * from `now`. Undefined when the header is missing or unreadable; never negative.
 */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
  if (Array.isArray(value)) return parseRetryAfter(value[0], now);
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
