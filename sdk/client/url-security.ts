/**
 * Which environment URLs may carry a bearer token: https anywhere, plain http only to this machine
 * (the local emulator), so a token never crosses a network in clear text.
 */
import { ConfigurationError } from '../errors';

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * True for a loopback host name as `URL.hostname` gives it: 127.0.0.0/8, `localhost` or `[::1]`
 * (WHATWG URL parsing already turns `127.1` and `0x7f.0.0.1` into `127.0.0.1`).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || IPV4_LOOPBACK.test(host);
}

/** Parses an environment URL; a ConfigurationError that shows the expected form when it is not one. */
export function parseEnvironmentUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(
      `"${url}" is not an absolute environment URL; use https://<org>.crm.dynamics.com (or http://127.0.0.1:5170 for the local emulator).`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigurationError(`"${url}" is not an http(s) URL; use https://<org>.crm.dynamics.com.`);
  }
  return parsed;
}

/** True when the URL's host is loopback (see {@link isLoopbackHost}). */
export function isLoopbackUrl(url: string): boolean {
  return isLoopbackHost(parseEnvironmentUrl(url).hostname);
}

/**
 * Throws a ConfigurationError for a plain-http URL whose host is not loopback: a bearer token sent there could
 * be read on the way. https is always accepted; http only for 127.0.0.0/8, localhost and [::1].
 */
export function assertSecureUrl(url: string): void {
  const parsed = parseEnvironmentUrl(url);
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new ConfigurationError(
      `Refusing ${parsed.origin}: plain http would send the bearer token in clear text. Use https://${parsed.host}; plain http is only allowed for 127.0.0.1, localhost and [::1] (the local emulator).`,
    );
  }
}
