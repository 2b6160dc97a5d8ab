/**
 * Reads a `$batch` response: multipart/mixed with `batchresponse_` and nested `changesetresponse_`
 * boundaries, each operation an embedded HTTP response.
 */
import { InvalidArgumentError } from '../../errors';

/** One embedded HTTP response of a batch. */
export interface HttpPart {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body?: unknown;
  /** `Content-ID` of the MIME part (change set responses). */
  contentId?: string;
}

/** A top-level part: a single response, or the responses of a change set. */
export type BatchPart =
  { kind: 'response'; response: HttpPart } | { kind: 'changeSet'; responses: HttpPart[] };

/** The boundary named in a `multipart/mixed; boundary=…` header. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = contentType ? /boundary="?([^";]+)"?/i.exec(contentType) : null;
  return match ? match[1] : undefined;
}

// Header lines up to the first empty line; text that starts with an empty line has no headers.
function splitHead(text: string): { head: Record<string, string>; rest: string } {
  const blank = /^\r?\n/.exec(text);
  if (blank) return { head: {}, rest: text.slice(blank[0].length) };
  const end = text.search(/\r?\n\r?\n/);
  const headText = end < 0 ? text : text.slice(0, end);
  const rest = end < 0 ? '' : text.slice(end).replace(/^\r?\n\r?\n/, '');
  const head: Record<string, string> = {};
  for (const line of headText.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) head[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { head, rest };
}

/** The parts between `--boundary` lines, without the preamble and the closing delimiter. */
export function splitMultipart(text: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const pieces = text.split(delimiter);
  const parts: string[] = [];
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.startsWith('--')) break;
    // Drop the line break that ends the delimiter line and the one that belongs to the next delimiter.
    parts.push(piece.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, ''));
  }
  return parts;
}

function readHttpPart(part: string): HttpPart {
  const mime = splitHead(part);
  const message = mime.rest.replace(/^(\r?\n)+/, '');
  const statusLine = /^HTTP\/1\.[01]\s+(\d{3})[^\r\n]*\r?\n?/.exec(message);
  if (!statusLine)
    throw new InvalidArgumentError(
      'body',
      `A $batch response part holds no HTTP status line: ${message.slice(0, 60)}`,
    );
  const http = splitHead(message.slice(statusLine[0].length));
  const text = http.rest.replace(/\s+$/, '');
  let body: unknown;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: Number(statusLine[1]), headers: http.head, body, contentId: mime.head['content-id'] };
}

// The boundary from the body's first delimiter line, when the Content-Type names none.
function leadingBoundary(body: string): string | undefined {
  const match = /^\s*--(batchresponse_[^\s]+)\r?\n/.exec(body);
  return match ? match[1] : undefined;
}

/** Parses a whole `$batch` response body given its Content-Type header. */
export function readBatch(body: string, contentType: string | undefined): BatchPart[] {
  const boundary =
    boundaryOf(contentType) ??
    (/multipart\/mixed/i.test(contentType ?? '') ? leadingBoundary(body) : undefined);
  if (!boundary)
    throw new InvalidArgumentError(
      'contentType',
      `The $batch response is not multipart (Content-Type: ${contentType ?? 'none'}).`,
    );
  return splitMultipart(body, boundary).map((part): BatchPart => {
    const { head, rest } = splitHead(part);
    const inner = boundaryOf(head['content-type']);
    if (inner && /multipart\/mixed/i.test(head['content-type'] ?? '')) {
      return { kind: 'changeSet', responses: splitMultipart(rest, inner).map(readHttpPart) };
    }
    return { kind: 'response', response: readHttpPart(part) };
  });
}
