/**
 * The request/response shapes the emulator's handlers work on, independent of node:http so a
 * `$batch` part runs through exactly the same code as a top-level request.
 */
import type { EmulatorExtensions, OperationContext } from '../contracts';
import { toFault } from '../errors';
import type { CoreOperations } from '../operations';
import type { Store } from '../store/store';
import type { ContentIdResolver } from '../odata/references';

/** One request to the Web API. */
export interface ApiRequest {
  method: string;
  /** Path after the API root (`/api/data/v9.2/`), still percent-encoded, without the query. */
  path: string;
  /** Raw query string without `?`. */
  query: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** One answer. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/** What handlers need besides the request. */
export interface ApiEnvironment {
  store: Store;
  ops: CoreOperations;
  extensions: EmulatorExtensions;
  /** Absolute API root with a trailing slash. */
  apiUrl: string;
  context: OperationContext;
  /** Resolves `$n` inside a change set. */
  resolveContentId?: ContentIdResolver;
  /** Set for a callback from a sync step: its writes join the open transaction. */
  joinOpen: boolean;
}

/** The `Prefer` header, parsed. */
export interface Preferences {
  returnRepresentation: boolean;
  maxPageSize?: number;
  includeAnnotations?: string;
  continueOnError: boolean;
}

/** Parses `Prefer` (several comma-separated preferences, possibly in several headers). */
export function parsePrefer(header: string | undefined): Preferences {
  const prefs: Preferences = { returnRepresentation: false, continueOnError: false };
  for (const part of (header ?? '').split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const [name, ...rest] = part.trim().split('=');
    const value = rest.join('=').trim();
    switch (name.trim().toLowerCase()) {
      case 'return':
        prefs.returnRepresentation = value === 'representation';
        break;
      case 'odata.maxpagesize':
        if (/^\d+$/.test(value)) prefs.maxPageSize = Number(value);
        break;
      case 'odata.include-annotations':
        prefs.includeAnnotations = value.replace(/^"|"$/g, '');
        break;
      case 'odata.continue-on-error':
        prefs.continueOnError = true;
        break;
    }
  }
  return prefs;
}

/** A JSON answer with the Web API's headers. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ApiResponse {
  return {
    status,
    headers: {
      'Content-Type': 'application/json; odata.metadata=minimal',
      'OData-Version': '4.0',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

/** A 204 answer. */
export function noContent(headers: Record<string, string> = {}): ApiResponse {
  return { status: 204, headers: { 'OData-Version': '4.0', ...headers } };
}

/** The query string as name → value (decoded). */
export function queryParams(query: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(query)) map.set(key, value);
  return map;
}

/** The Dataverse-shaped HTTP answer for a thrown value. */
export function errorResponse(error: unknown): ApiResponse {
  const fault = toFault(error);
  return jsonResponse(fault.status, fault.toBody(), fault.headers);
}
