/**
 * The one redaction function. Logs, error objects and recorded test fixtures all pass through it,
 * so a secret removed here is removed everywhere.
 */

/** What a removed value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Header, field and parameter names whose values are always secret (compared case-insensitively). */
const SECRET_NAMES = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'client_secret',
  'clientsecret',
  'client_assertion',
  'access_token',
  'refresh_token',
  'id_token',
  'password',
  'x-ms-client-secret',
]);

// eyJ… is the base64url of '{"' — every JWT header starts with it.
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const FORM_FIELD =
  /\b(client_secret|client_assertion|access_token|refresh_token|id_token|password)=([^&\s"']*)/gi;
const JSON_FIELD =
  /("(?:client_secret|client_assertion|access_token|refresh_token|id_token|password)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
const COOKIE_LINE = /^((?:set-)?cookie:\s*).*$/gim;
const AUTH_LINE = /^(authorization:\s*).*$/gim;

/** True when a header, field or parameter with this name carries a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase());
}

/** Removes tokens and secrets from free text: JWTs, bearer values, form and JSON fields, header lines. */
export function redactText(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(FORM_FIELD, `$1=${REDACTED}`)
    .replace(JSON_FIELD, `$1"${REDACTED}"`)
    .replace(COOKIE_LINE, `$1${REDACTED}`)
    .replace(AUTH_LINE, `$1${REDACTED}`);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Returns a copy of `value` with every secret replaced by `[REDACTED]`: values under secret names
 * (Authorization, Cookie/Set-Cookie, client_secret, client_assertion, access/refresh/id tokens),
 * anything that looks like a JWT or a bearer value, and the value following a secret name in a flat
 * `[name, value, …]` list (nock's raw headers). The input is never modified.
 */
export function redact(value: unknown): unknown {
  return redactValue(value, new WeakMap());
}

function redactValue(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    value.forEach((item, index) => {
      const previous = value[index - 1];
      const afterSecretName = index % 2 === 1 && typeof previous === 'string' && isSecretName(previous);
      copy.push(afterSecretName ? REDACTED : redactValue(item, seen));
    });
    return copy;
  }
  const source = isPlainObject(value) ? value : toPlain(value);
  if (source === undefined) return value;
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [key, item] of Object.entries(source)) {
    copy[key] = isSecretName(key) && item !== undefined && item !== null ? REDACTED : redactValue(item, seen);
  }
  return copy;
}

// Header containers (axios' AxiosHeaders, fetch Headers) are classes; read them as plain objects.
function toPlain(value: object): Record<string, unknown> | undefined {
  const candidate = value as { toJSON?: () => unknown };
  if (typeof candidate.toJSON === 'function' && !(value instanceof Date)) {
    const plain = candidate.toJSON();
    if (plain && typeof plain === 'object' && !Array.isArray(plain)) return plain as Record<string, unknown>;
  }
  return undefined;
}
