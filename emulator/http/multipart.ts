/**
 * Reading and writing `multipart/mixed` bodies of `$batch`: parts with their headers, nested
 * change sets, and `application/http` requests/responses inside them.
 */
import { badRequest, ErrorCodes } from '../errors';

/** One part: its MIME headers (lower-case names) and raw content. */
export interface MimePart {
  headers: Record<string, string>;
  content: string;
}

/** An HTTP request embedded in a part. */
export interface EmbeddedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The boundary parameter of a multipart Content-Type, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '');
  return match?.[2];
}

/** Splits a multipart body into its parts. */
export function splitParts(body: string, boundary: string): MimePart[] {
  const delimiter = `--${boundary}`;
  const end = body.indexOf(`${delimiter}--`);
  if (end < 0)
    throw badRequest(`The batch body does not end with '${delimiter}--'.`, ErrorCodes.InvalidPayload);
  const sections = body.slice(0, end).split(delimiter).slice(1);
  return sections.map((section) => {
    const { headers, rest } = readHeaders(section.replace(/^\r?\n/, ''));
    return { headers, content: rest };
  });
}

/** Parses the `application/http` request inside a part. */
export function parseEmbeddedRequest(content: string): EmbeddedRequest {
  const text = content.replace(/^(\r?\n)+/, '');
  const lineEnd = text.search(/\r?\n/);
  const requestLine = (lineEnd < 0 ? text : text.slice(0, lineEnd)).trim();
  const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d\.\d)?$/.exec(requestLine);
  if (!match)
    throw badRequest(`Invalid request line in batch part: '${requestLine}'.`, ErrorCodes.InvalidPayload);
  const { headers, rest } = readHeaders(lineEnd < 0 ? '' : text.slice(lineEnd).replace(/^\r?\n/, ''));
  return { method: match[1], url: match[2], headers, body: rest.replace(/(\r?\n)+$/, '') };
}

/** Writes a response as an `application/http` part. */
export function writeHttpPart(
  status: number,
  headers: Record<string, string>,
  body: string | undefined,
  contentId?: string,
): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (contentId !== undefined) lines.push(`Content-ID: ${contentId}`);
  lines.push('', `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Status'}`);
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push('', body ?? '');
  return lines.join('\r\n');
}

function readHeaders(text: string): { headers: Record<string, string>; rest: string } {
  const headers: Record<string, string> = {};
  const blank = /\r?\n\r?\n/.exec(text);
  const block = blank ? text.slice(0, blank.index) : text;
  const rest = blank ? text.slice(blank.index + blank[0].length) : '';
  if (/^\s*$/.test(block)) return { headers, rest: blank ? rest : '' };
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, rest };
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
