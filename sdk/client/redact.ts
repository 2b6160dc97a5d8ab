/**
 * The one redaction function. Logs, error objects and recorded test fixtures all pass through it,
 * so a secret removed here is removed everywhere.
 */

/** What a removed value is replaced with. */
export const REDACTED = '[REDACTED]';

// Fields whose values are secret wherever they appear: object keys, form fields, JSON text.
// authvalue: a service endpoint's webhook key, SAS key or HTTP header value;
// adx_identity_passwordhash: a portal contact's password hash; saskey/sastoken: Service Bus endpoints.
const SECRET_FIELDS = [
  'client_secret',
  'clientsecret',
  'client_assertion',
  'access_token',
  'refresh_token',
  'id_token',
  'password',
  'authvalue',
  'adx_identity_passwordhash',
  'saskey',
  'sastoken',
];

// Headers whose values are secret: as object keys, raw-header lists and `Name: value` lines.
const SECRET_HEADERS = [
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-functions-key',
  'x-ms-client-secret',
];

/** Header, field and parameter names whose values are always secret (compared case-insensitively). */
const SECRET_NAMES = new Set([...SECRET_FIELDS, ...SECRET_HEADERS, 'cookie', 'set-cookie']);

const FIELD_NAMES = SECRET_FIELDS.join('|');

// eyJ… is the base64url of '{"' — every JWT header starts with it.
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const FORM_FIELD = new RegExp(`\\b(${FIELD_NAMES})=([^&\\s"']*)`, 'gi');
const JSON_FIELD = new RegExp(`("(?:${FIELD_NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
const COOKIE_LINE = /^((?:set-)?cookie:\s*).*$/gim;
const HEADER_LINE = new RegExp(`^((?:${SECRET_HEADERS.join('|')}):\\s*).*$`, 'gim');
// URL query parameters that carry a key: `code` (an Azure Functions / webhook key, as Dataverse
// appends a WebhookKey) and `sig` (the signature of an Azure SAS token). Only as query parameters:
// a `code` field elsewhere is a Dataverse error code. Also matched percent-encoded, as a URL inside
// another URL's query (a recorded request path).
const KEY_PARAMETER = /((?:[?&]|%3F|%26)(?:code|sig)(?:=|%3D))((?:(?!%26)[^&\s"'#<>])*)/gi;
// Service Bus / Storage connection strings: `SharedAccessKey=…;` and `AccountKey=…;`.
const CONNECTION_STRING_KEY = /\b(SharedAccessKey|AccountKey)=([^;\s"']*)/gi;
// An invitation code is a bearer secret: whoever holds it can redeem the invitation. It shows up in
// the redeem lookup's `$filter` (plain, or with spaces and quotes percent-encoded by axios, also
// twice inside a recorded URL) and as a JSON key in request bodies. Only the text forms: objects
// keep the column, so a row read back still carries its own code.
const INVITATION_CODE_FILTER =
  /(adx_invitationcode(?:\s|\+|%20|%2520)+(?:eq|ne)(?:\s|\+|%20|%2520)+)(?:'((?:''|[^'])*)'?|%27((?:%27%27|(?!%27)[^\s&#"'<>])*)(?:%27)?|%2527((?:%2527%2527|(?!%2527)[^\s&#"'<>])*)(?:%2527)?)/gi;
const INVITATION_CODE_JSON = /("adx_invitationcode"\s*:\s*)"((?:[^"\\]|\\.)*)"/gi;

/** Options of {@link redactText} and {@link redact}. */
export interface RedactOptions {
  /**
   * Invitation codes known not to be secret (a test's fixed, fake code), left in place so a
   * recording that carries them can be replayed. Nothing else is ever kept.
   */
  keep?: readonly string[];
}

// Keeps the quoting of the filter (`'…'`, `%27…%27`, `%2527…%2527`) so the text still reads as one.
function codeFilterRedactor(keep: readonly string[]) {
  return (match: string, prefix: string, plain?: string, encoded?: string, twice?: string): string => {
    if (keep.includes(plain ?? encoded ?? twice ?? '')) return match;
    if (plain !== undefined) return `${prefix}'${REDACTED}'`;
    if (encoded !== undefined) return `${prefix}%27${REDACTED}%27`;
    return `${prefix}%2527${REDACTED}%2527`;
  };
}

function codeJsonRedactor(keep: readonly string[]) {
  return (match: string, prefix: string, value: string): string =>
    keep.includes(value) ? match : `${prefix}"${REDACTED}"`;
}

/** True when a header, field or parameter with this name carries a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase());
}

/**
 * Removes tokens and secrets from free text: JWTs, bearer values, secret form and JSON fields,
 * secret header lines, `code`/`sig` URL query parameters, connection-string keys and invitation
 * codes (`adx_invitationcode eq '…'` in a filter, also percent-encoded, and `"adx_invitationcode":"…"`
 * in JSON text).
 */
export function redactText(text: string, options: RedactOptions = {}): string {
  const keep = options.keep ?? [];
  return text
    .replace(JWT, REDACTED)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(FORM_FIELD, `$1=${REDACTED}`)
    .replace(JSON_FIELD, `$1"${REDACTED}"`)
    .replace(COOKIE_LINE, `$1${REDACTED}`)
    .replace(HEADER_LINE, `$1${REDACTED}`)
    .replace(KEY_PARAMETER, `$1${REDACTED}`)
    .replace(CONNECTION_STRING_KEY, `$1=${REDACTED}`)
    .replace(INVITATION_CODE_FILTER, codeFilterRedactor(keep))
    .replace(INVITATION_CODE_JSON, codeJsonRedactor(keep));
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Returns a copy of `value` with every secret replaced by `[REDACTED]`: values under secret names
 * (Authorization, X-Api-Key, Cookie/Set-Cookie, client_secret, client_assertion, access/refresh/id
 * tokens, password, authvalue, adx_identity_passwordhash, SAS keys), every string passed through
 * {@link redactText}, and the value following a secret name in a flat `[name, value, …]` list
 * (nock's raw headers). The input is never modified.
 */
export function redact(value: unknown, options: RedactOptions = {}): unknown {
  return redactValue(value, new WeakMap(), options);
}

function redactValue(value: unknown, seen: WeakMap<object, unknown>, options: RedactOptions): unknown {
  if (typeof value === 'string') return redactText(value, options);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    value.forEach((item, index) => {
      const previous = value[index - 1];
      const afterSecretName = index % 2 === 1 && typeof previous === 'string' && isSecretName(previous);
      copy.push(afterSecretName ? REDACTED : redactValue(item, seen, options));
    });
    return copy;
  }
  const source = isPlainObject(value) ? value : toPlain(value);
  if (source === undefined) return value;
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [key, item] of Object.entries(source)) {
    copy[key] =
      isSecretName(key) && item !== undefined && item !== null ? REDACTED : redactValue(item, seen, options);
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
