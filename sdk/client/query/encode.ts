/**
 * Percent-encoding of query option values, done once when a URL is put together. Everything a
 * query string gives a meaning to is encoded (`&`, `#`, `+`, `%`, spaces, quotes), so a `#` cannot
 * end the URL, an `&` cannot start another option and a `+` is not read as a space; what OData's
 * own syntax needs and a URL carries as is (`$ , ; : / = ( )`) stays readable.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors
 */

// encodeURIComponent escapes these too; a query string carries them safely (RFC 3986 §3.4), and
// leaving them makes `$expand=nav($select=a,b;$filter=x)` readable in logs and errors.
const KEPT = /%(24|2C|3B|3A|2F|3D)/gi;
const KEPT_CHARS: Readonly<Record<string, string>> = {
  '24': '$',
  '2C': ',',
  '3B': ';',
  '3A': ':',
  '2F': '/',
  '3D': '=',
};

/**
 * A query option value percent-encoded for the URL: `name eq 'A&B #1'` becomes
 * `name%20eq%20%27A%26B%20%231%27`. A single quote is encoded as `%27`, as a URL parser would
 * encode it anyway, so the text built here is exactly what goes on the wire.
 */
export function encodeQueryValue(text: string): string {
  return encodeURIComponent(text)
    .replace(/'/g, '%27')
    .replace(KEPT, (_match, hex: string) => KEPT_CHARS[hex.toUpperCase()]);
}
