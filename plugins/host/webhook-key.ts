/**
 * The webhook's shared secret: where Dataverse puts it and how it is compared. WebhookKey
 * endpoints (authtype 4) send `?code=<key>`; HttpHeader endpoints send a header we name
 * `x-api-key` or `code`. Both sides are hashed first so the comparison takes the same time
 * whatever the lengths, then compared with `timingSafeEqual`.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/register-web-hook#authentication-options
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Headers accepted as carrying the key, in order of preference. */
export const KEY_HEADERS = ['x-api-key', 'code'] as const;

/** The key the request presents, from `?code=` or a key header; undefined when none. */
export function presentedKey(url: URL, headers: IncomingHttpHeaders): string | undefined {
  const fromQuery = url.searchParams.get('code');
  if (fromQuery) return fromQuery;
  for (const name of KEY_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * True when `presented` equals `expected`. Runs in time independent of where the strings differ
 * and of their lengths (fixed-size digests); an absent key is compared too, so it takes as long.
 */
export function keyMatches(presented: string | undefined, expected: string): boolean {
  const same = timingSafeEqual(digest(presented ?? ''), digest(expected));
  return same && presented !== undefined && expected !== '';
}
