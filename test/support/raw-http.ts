/**
 * HTTP on a bare TCP socket, for tests of what a server does with clients that fetch() cannot play:
 * one that stops halfway through its headers or body, or announces more body than it sends.
 */
import { connect, type Socket } from 'node:net';

/** A connection whose bytes the test writes itself. */
export interface RawConnection {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves once the server sent text matching `pattern` (the connection may stay open). */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves with everything received once the server closed the connection. */
  closed: Promise<string>;
}

/** Opens a connection to 127.0.0.1:`port` and writes `text` (nothing more until the test writes). */
export function rawConnection(port: number, text = ''): RawConnection {
  const socket = connect(port, '127.0.0.1');
  let data = '';
  const listeners: Array<() => void> = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    data += chunk;
    for (const listener of listeners.slice()) listener();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(data)));
  if (text) socket.write(text);
  return {
    socket,
    received: () => data,
    waitFor: (pattern) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          if (pattern.test(data)) {
            listeners.splice(listeners.indexOf(check), 1);
            resolve(data);
          }
        };
        listeners.push(check);
        check();
        void closed.then(() => {
          if (!pattern.test(data)) reject(new Error(`Connection closed without ${pattern}; got: ${data}`));
        });
      }),
    closed,
  };
}

/** The status code of the first response in `text`, or undefined. */
export function statusOf(text: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return match ? Number(match[1]) : undefined;
}
