/**
 * Reading a request body with bounded memory. A body with a Content-Length is read into one buffer
 * of exactly that size (no list of chunks to concatenate); one over the limit is refused from its
 * header, before a byte of it is read. A chunked body is collected up to the limit and refused as
 * soon as it passes it. A refused body is left to Node, which discards the rest as it arrives
 * (nothing is kept) and keeps the connection for the next request.
 *
 * A large body costs about three times its size until the garbage collector runs (the bytes, the
 * text, the parsed JSON), so large bodies with a Content-Length share a budget of bytes held at once
 * ({@link BodyBudget}): one waits, unread, until those before it are answered; a chunked body that
 * grows past 1 MiB waits until it may take the whole budget. Small bodies never wait, so a webhook's
 * callback cannot queue behind the request that triggered it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DataverseFault, ErrorCodes } from '../errors';

/** Bodies up to this size (1 MiB) never wait for the budget. */
export const SMALL_BODY_BYTES = 1024 * 1024;

/** Bytes of large bodies held at once: a FIFO of requests waiting for room. */
export class BodyBudget {
  private used = 0;
  private readonly waiting: Array<{ bytes: number; grant: () => void }> = [];

  /** @param capacity - bytes held at once; at least the largest body accepted */
  constructor(readonly capacity: number) {}

  /** Resolves once `bytes` fit; the caller gives them back with the returned function (once). */
  acquire(bytes: number): Promise<() => void> {
    if (this.waiting.length === 0 && this.used + bytes <= this.capacity) {
      this.used += bytes;
      return Promise.resolve(this.releaser(bytes));
    }
    return new Promise((resolve) => {
      this.waiting.push({ bytes, grant: () => resolve(this.releaser(bytes)) });
    });
  }

  private releaser(bytes: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
      // Waiters are served in order; each is counted here, before it resumes, so none is overtaken.
      while (this.waiting.length > 0 && this.used + this.waiting[0].bytes <= this.capacity) {
        const next = this.waiting.shift() as { bytes: number; grant: () => void };
        this.used += next.bytes;
        next.grant();
      }
    };
  }
}

function tooLarge(limit: number): DataverseFault {
  return new DataverseFault(
    413,
    ErrorCodes.RequestTooLarge,
    `The request body is over ${limit} bytes; send less per request.`,
  );
}

/**
 * The body as UTF-8 text (invalid byte sequences become U+FFFD, as any UTF-8 reader does). A large
 * body holds its share of `budget` until `res` closes.
 * @throws DataverseFault 413 for a body over `limit` bytes
 */
export async function readRequestBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  budget: BodyBudget,
): Promise<string> {
  const header = req.headers['content-length'];
  const declared = header === undefined ? undefined : Number(header);
  if (declared === undefined || !Number.isSafeInteger(declared) || declared < 0) {
    return readChunked(req, res, limit, budget);
  }
  if (declared > limit) throw tooLarge(limit);
  if (declared > SMALL_BODY_BYTES) await hold(req, res, budget, declared);
  return readDeclared(req, declared);
}

/** Takes `bytes` of the budget until the response closes; throws when the client left while waiting. */
async function hold(
  req: IncomingMessage,
  res: ServerResponse,
  budget: BodyBudget,
  bytes: number,
): Promise<void> {
  const release = await budget.acquire(bytes);
  if (req.destroyed || res.destroyed) {
    release();
    throw new Error('The client closed the connection before its body was read.');
  }
  res.once('close', release);
}

function readDeclared(req: IncomingMessage, length: number): Promise<string> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  return new Promise((resolve, reject) => {
    req.on('data', (chunk: Buffer) => {
      // Node's parser never passes more than Content-Length; copy() stays in bounds anyway.
      filled += chunk.copy(buffer, filled);
    });
    req.on('end', () => resolve(buffer.toString('utf8', 0, filled)));
    req.on('error', reject);
  });
}

function readChunked(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  budget: BodyBudget,
): Promise<string> {
  let chunks: Buffer[] = [];
  let size = 0;
  let holding = false;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks = [];
        req.off('data', onData);
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
      if (size > SMALL_BODY_BYTES && !holding) {
        // Its final size is unknown: wait, unread, until it may take the whole budget.
        holding = true;
        req.pause();
        hold(req, res, budget, budget.capacity).then(() => req.resume(), reject);
      }
    };
    req.on('data', onData);
    req.on('end', () => {
      const buffer = Buffer.concat(chunks, size);
      chunks = [];
      resolve(buffer.toString('utf8'));
    });
    req.on('error', reject);
  });
}
