/**
 * Delivery of one execution context to a webhook endpoint as Dataverse does it: the endpoint's
 * authentication (WebhookKey, HttpHeader, HttpQueryString), one retry of a 502/503/504, and the
 * handler's own message when it refuses.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks
 */
import { DOMParser } from '@xmldom/xmldom';
import { ServiceEndpointAuthType } from '../../../sdk/entities/index';
import type { WebhookEndpoint } from './registrations';

/** Options for {@link deliverWebhook}. */
export interface DeliveryOptions {
  /** How long to wait for the handler; Dataverse gives up after 60 s. */
  timeoutMs?: number;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
}

/** What the handler answered (or why it could not be reached). */
export type DeliveryResult = { ok: true; status: number } | { ok: false; status: number; message: string };

const RETRIED_ONCE = new Set([502, 503, 504]);

/** Reads `<settings><setting name="x" value="y" /></settings>` (HttpHeader / HttpQueryString auth). */
export function parseAuthSettings(xml: string): Record<string, string> {
  const result: Record<string, string> = {};
  if (xml.trim() === '') return result;
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml');
  const settings = doc.getElementsByTagName('setting');
  for (let i = 0; i < settings.length; i++) {
    const name = settings[i].getAttribute('name');
    if (name) result[name] = settings[i].getAttribute('value') ?? '';
  }
  return result;
}

/** The request URL and headers for the endpoint's auth type. */
export function authenticatedRequest(endpoint: WebhookEndpoint): {
  url: string;
  headers: Record<string, string>;
} {
  const url = new URL(endpoint.url);
  const headers: Record<string, string> = {};
  if (endpoint.authType === ServiceEndpointAuthType.WebhookKey && endpoint.authValue !== '') {
    url.searchParams.set('code', endpoint.authValue);
  } else if (endpoint.authType === ServiceEndpointAuthType.HttpHeader) {
    Object.assign(headers, parseAuthSettings(endpoint.authValue));
  } else if (endpoint.authType === ServiceEndpointAuthType.HttpQueryString) {
    for (const [name, value] of Object.entries(parseAuthSettings(endpoint.authValue)))
      url.searchParams.set(name, value);
  }
  return { url: url.toString(), headers };
}

/** The endpoint's address without query string, safe for messages (the key travels in the query). */
export function safeUrl(endpoint: WebhookEndpoint): string {
  const url = new URL(endpoint.url);
  return `${url.origin}${url.pathname}`;
}

/** The handler's own message: a JSON `message`/`Message`/`error.message`, else the body text. */
export function handlerMessage(body: string): string {
  const text = body.trim();
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const error = json.error as Record<string, unknown> | undefined;
    const candidate =
      json.message ??
      json.Message ??
      error?.message ??
      (typeof json.error === 'string' ? json.error : undefined);
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate;
  } catch {
    // not JSON: the text itself is the message
  }
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

async function post(
  endpoint: WebhookEndpoint,
  body: string,
  headers: Record<string, string>,
  options: DeliveryOptions,
): Promise<{ status: number; text: string }> {
  const request = authenticatedRequest(endpoint);
  const response = await (options.fetch ?? fetch)(request.url, {
    method: 'POST',
    headers: { ...headers, ...request.headers, 'Content-Type': 'application/json' },
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * POSTs the execution context to the endpoint as Dataverse does: a 502/503/504 answer is retried once;
 * any other non-2xx answer, a timeout or an unreachable host is a failure carrying the handler's message.
 */
export async function deliverWebhook(
  endpoint: WebhookEndpoint,
  body: string,
  headers: Record<string, string>,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  let answer: { status: number; text: string } | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      answer = await post(endpoint, body, headers, options);
    } catch (error) {
      // AbortSignal.timeout rejects with a DOMException, which is not always an Error instance.
      const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
      const reason = name === 'TimeoutError' ? 'did not answer in time' : 'could not be reached';
      return {
        ok: false,
        status: 0,
        message: `The webhook ${safeUrl(endpoint)} ${reason} (${typeof message === 'string' ? message : String(error)}).`,
      };
    }
    if (!RETRIED_ONCE.has(answer.status)) break;
  }
  const { status, text } = answer as { status: number; text: string };
  if (status >= 200 && status < 300) return { ok: true, status };
  const message = handlerMessage(text);
  return {
    ok: false,
    status,
    message: message !== '' ? message : `The webhook ${safeUrl(endpoint)} answered ${status}.`,
  };
}
