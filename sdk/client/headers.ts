/**
 * The Web API's request headers and how per-call options turn into them.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors
 */
import type { RequestOptions } from './types';

/** Headers every Web API request carries. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  Accept: 'application/json',
  'OData-MaxVersion': '4.0',
  'OData-Version': '4.0',
};

/** Most rows the Web API returns in one page. */
export const MAX_PAGE_SIZE = 5000;

/** `Prefer` preferences by name. */
export const Prefer = {
  returnRepresentation: 'return=representation',
  annotations: 'odata.include-annotations="*"',
  continueOnError: 'odata.continue-on-error',
  maxPageSize: (size: number): string => `odata.maxpagesize=${size}`,
} as const;

/** Header that makes Dataverse act as another user (their Entra object id). */
export const CALLER_OBJECT_ID = 'CallerObjectId';
/** Header that skips custom synchronous and asynchronous business logic. */
export const BYPASS_LOGIC = 'MSCRM.BypassBusinessLogicExecution';

/**
 * Headers for one call: the operation's own (`Prefer` values, `If-Match`, …), then what the per-call
 * options ask for, then the caller's explicit `headers`, which win.
 */
export function callHeaders(
  options: RequestOptions | undefined,
  prefer: readonly (string | false | undefined)[] = [],
  own: Record<string, string | undefined> = {},
): Record<string, string> {
  const headers: Record<string, string> = {};
  const preferences = prefer.filter((p): p is string => typeof p === 'string' && p !== '');
  if (preferences.length > 0) headers.Prefer = preferences.join(',');
  for (const [name, value] of Object.entries(own)) if (value !== undefined) headers[name] = value;
  if (options?.impersonate) headers[CALLER_OBJECT_ID] = options.impersonate;
  if (options?.bypassCustomLogic) headers[BYPASS_LOGIC] = 'CustomSync,CustomAsync';
  return { ...headers, ...options?.headers };
}

/** The value of a header, its name compared without case. */
export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  if (name in headers) return headers[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}

/**
 * One header map from several, later ones winning; names are compared without case and keep the
 * spelling of the source that set them last.
 */
export function mergeHeaders(
  ...sources: (Readonly<Record<string, string>> | undefined)[]
): Record<string, string> {
  const out: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const source of sources) {
    if (!source) continue;
    for (const [name, value] of Object.entries(source)) {
      const lower = name.toLowerCase();
      const previous = names.get(lower);
      if (previous !== undefined && previous !== name) delete out[previous];
      names.set(lower, name);
      out[name] = value;
    }
  }
  return out;
}

/**
 * Response headers as a plain map with lower-case names (a list value joined with `, `), from a
 * plain object or a header container that has `toJSON()`.
 */
export function plainHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const container = headers as { toJSON?: () => unknown } | null | undefined;
  const source = typeof container?.toJSON === 'function' ? container.toJSON() : headers;
  if (!source || typeof source !== 'object') return out;
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
