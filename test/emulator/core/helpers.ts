/**
 * Helpers for the emulator core tests: start a core on a free port and send raw HTTP requests
 * to it with fetch, as any client would.
 */
import { startEmulatorCore } from '../../../emulator/core';
import type { EmulatorCore, EmulatorCoreOptions } from '../../../emulator/core';

/** A parsed answer. */
export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A started core plus a request helper bound to its API root. */
export interface TestEmulator {
  core: EmulatorCore;
  request(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

/** Starts a seeded in-memory core (override with `options`). */
export async function startTestEmulator(options: EmulatorCoreOptions = {}): Promise<TestEmulator> {
  const core = await startEmulatorCore({ seed: true, ...options });
  return {
    core,
    request: (method, path, opts = {}) => send(core.apiUrl, method, path, opts),
    close: () => core.close(),
  };
}

/** Sends one request; `path` is relative to the API root unless it is absolute. */
export async function send(
  apiUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = {
    Authorization: 'Bearer test-token',
    Accept: 'application/json',
    ...options.headers,
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(path.startsWith('http') ? path : `${apiUrl}${path}`, {
    method,
    headers,
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The id at the end of an OData-EntityId header. */
export function idFromEntityId(header: string | null): string {
  const match = /\(([0-9a-f-]{36})\)$/.exec(header ?? '');
  if (!match) throw new Error(`No id in OData-EntityId '${header}'`);
  return match[1];
}
