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
