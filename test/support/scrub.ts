/**
 * Scrubbing of recorded nock definitions before they are written: redact() for secrets, the live
 * host replaced by the fixture host, e-mail addresses outside documentation domains replaced and,
 * when asked, the random `$batch` boundaries fixed so request bodies can be matched on replay.
 */
import { redact, redactText } from '../../sdk/client/redact';

/** Domains reserved for documentation and examples; addresses there are kept so tests can match them. */
const SAFE_EMAIL_DOMAINS = /(^|\.)(example\.(com|org|net)|contoso\.com|fabrikam\.com)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// `name@odata.bind`, `x@OData.Community.Display.V1.FormattedValue`, `@Microsoft.Dynamics.CRM.*`:
// OData annotations look like addresses but are not.
const ANNOTATION_DOMAINS = /^(odata|microsoft)\./i;

/** Replaces every e-mail address outside the safe domains by `person<n>@example.com`, consistently. */
export function scrubEmails(text: string, seen: Map<string, string> = new Map()): string {
  return text.replace(EMAIL, (address: string, domain: string) => {
    if (SAFE_EMAIL_DOMAINS.test(domain) || ANNOTATION_DOMAINS.test(domain)) return address;
    const key = address.toLowerCase();
    if (!seen.has(key)) seen.set(key, `person${seen.size + 1}@example.com`);
    return seen.get(key)!;
  });
}

// `batch_<uuid>`, `changeset_<uuid>` and the server's `batchresponse_<uuid>`/`changesetresponse_<uuid>`.
const BOUNDARY =
  /\b((?:batch|changeset)(?:response)?_)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;

/**
 * Replaces the random multipart boundaries of `$batch` bodies by fixed tokens, numbered per kind
 * in order of appearance (`batch_boundary-1`, `changeset_boundary-1`, `changeset_boundary-2`, …),
 * so two runs of the same requests give the same text. Pass one `seen` map for texts that must
 * agree (a response's Content-Type header and its body).
 */
export function normaliseBoundaries(text: string, seen: Map<string, string> = new Map()): string {
  return text.replace(BOUNDARY, (whole: string, prefix: string) => {
    const key = whole.toLowerCase();
    if (!seen.has(key)) {
      const kind = prefix.toLowerCase();
      const n = [...seen.values()].filter((token) => token.startsWith(kind)).length + 1;
      seen.set(key, `${kind}boundary-${n}`);
    }
    return seen.get(key)!;
  });
}

/** The form a request body is matched in on replay: boundaries fixed, secrets (but not `keep`) redacted. */
export function canonicalBody(text: string, keep: readonly string[] = []): string {
  return redactText(normaliseBoundaries(text), { keep });
}

/** Fixes the boundaries of one recorded definition: request body, response body and headers alike. */
function withFixedBoundaries(definition: Record<string, unknown>): Record<string, unknown> {
  const seen = new Map<string, string>();
  const fix = (value: unknown): unknown =>
    typeof value === 'string' ? normaliseBoundaries(value, seen) : value;
  const copy: Record<string, unknown> = {
    ...definition,
    body: fix(definition.body),
    response: fix(definition.response),
  };
  const headers = definition.rawHeaders;
  if (Array.isArray(headers)) copy.rawHeaders = headers.map(fix);
  else if (headers && typeof headers === 'object') {
    copy.rawHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, fix(value)]));
  }
  return copy;
}

/** Options of {@link scrubDefinitions}. */
export interface ScrubOptions {
  /** The live server's origin (e.g. `http://127.0.0.1:5170`), replaced by `fixtureUrl`. */
  liveUrl: string;
  fixtureUrl: string;
  /** Drop recorded request bodies (they carry random ids or codes). */
  ignoreBodies?: boolean;
  /** Replace random `$batch` boundaries by fixed tokens (see {@link normaliseBoundaries}). */
  normaliseBodies?: boolean;
  /** Fake invitation codes kept verbatim although they look like secrets (see RedactOptions.keep). */
  keep?: readonly string[];
}

/** Scrubs recorded nock definitions; the result is what gets written to the fixture file. */
export function scrubDefinitions(definitions: unknown[], options: ScrubOptions): unknown[] {
  const live = new URL(options.liveUrl);
  const hosts = [live.origin, live.host, encodeURIComponent(live.origin)];
  const fixture = new URL(options.fixtureUrl);
  const replacements = [
    options.fixtureUrl.replace(/\/+$/, ''),
    fixture.host,
    encodeURIComponent(fixture.origin),
  ];
  let text = JSON.stringify(definitions);
  hosts.forEach((host, index) => {
    text = text.replace(new RegExp(escapeRegExp(host), 'g'), replacements[index]);
  });
  text = scrubEmails(text);
  const scrubbed = redact(JSON.parse(text), { keep: options.keep }) as Record<string, unknown>[];
  return scrubbed.map((recorded) => {
    const definition = options.normaliseBodies ? withFixedBoundaries(recorded) : recorded;
    const copy: Record<string, unknown> = {
      ...definition,
      rawHeaders: withoutContentLength(definition.rawHeaders),
    };
    if (options.ignoreBodies) delete copy.body;
    delete copy.reqheaders;
    return copy;
  });
}

// Scrubbing changes body lengths, so a recorded Content-Length would no longer match the body.
function withoutContentLength(rawHeaders: unknown): unknown {
  if (Array.isArray(rawHeaders)) {
    const kept: unknown[] = [];
    for (let i = 0; i < rawHeaders.length; i += 2) {
      if (String(rawHeaders[i]).toLowerCase() !== 'content-length')
        kept.push(rawHeaders[i], rawHeaders[i + 1]);
    }
    return kept;
  }
  if (rawHeaders && typeof rawHeaders === 'object') {
    return Object.fromEntries(
      Object.entries(rawHeaders).filter(([name]) => name.toLowerCase() !== 'content-length'),
    );
  }
  return rawHeaders;
}
