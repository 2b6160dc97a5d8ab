/**
 * What the webhook host can be told, and the limits it holds under load: how long a client may take
 * to send its headers and its body, how long an idle keep-alive connection stays open, how many
 * connections and concurrent deliveries it takes (and how many may wait, for how long), how deep a
 * body may nest, how /health checks Dataverse and how long a shutdown waits for deliveries in flight.
 */
import type { DataverseApi } from '../../sdk/client/api';
import { InvalidArgumentError } from '../../sdk/errors';
import type { StepRegistry } from '../pipeline/step-registry';

/** Where the host reports what it did; messages never contain the key. */
export interface HostLogger {
  info?(message: string): void;
  error?(message: string, error?: unknown): void;
}

/**
 * The defaults of the host's limits. A slow client is cut off within seconds (Node's own defaults
 * hold a request for 300 s); Dataverse waits 60 s for an answer, so only receiving is timed, never
 * the steps once the body is in.
 */
export const DEFAULT_HOST_LIMITS: Readonly<HostLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
  maxConcurrentRequests: 64,
  maxQueuedRequests: 512,
  queueTimeoutMs: 10_000,
  retryAfterSeconds: 1,
  maxJsonDepth: 64,
  healthTimeoutMs: 2_000,
  healthCacheMs: 5_000,
  shutdownTimeoutMs: 30_000,
};

/** The host's limits; each defaults to {@link DEFAULT_HOST_LIMITS}. */
export interface HostLimitOptions {
  /** Time from a request's first byte to the end of its headers, and the longest silence of a new connection; default 10 s. */
  headersTimeoutMs?: number;
  /** Time from a request's first byte to the end of its body (the client then gets 408); default 15 s; at least `headersTimeoutMs`. */
  requestTimeoutMs?: number;
  /**
   * How long an idle keep-alive connection stays open; default 5 s. Behind a load balancer that
   * reuses connections, set it above the balancer's idle timeout, or a request sent as the host
   * closes the connection fails (and the balancer answers 502).
   */
  keepAliveTimeoutMs?: number;
  /** Open connections; further ones are closed at once; default 1000. */
  maxConnections?: number;
  /** Deliveries parsed and run at once; the next ones wait their turn in a queue; default 64. */
  maxConcurrentRequests?: number;
  /** Deliveries waiting for a turn; past it, 503 with Retry-After at once; default 512. */
  maxQueuedRequests?: number;
  /** How long a delivery may wait for its turn before it gets 503 with Retry-After; default 10 s. */
  queueTimeoutMs?: number;
  /** Retry-After (seconds) of a 503; default 1. */
  retryAfterSeconds?: number;
  /** Deepest nesting of objects and arrays in a body; default 64 (Dataverse's contexts stay near 20). */
  maxJsonDepth?: number;
  /** How long /health waits for Dataverse's WhoAmI; default 2 s. */
  healthTimeoutMs?: number;
  /** How long one /health answer is reused, so probes cannot flood Dataverse; default 5 s. */
  healthCacheMs?: number;
  /** How long `close()` waits for requests in flight before cutting them; default 30 s. */
  shutdownTimeoutMs?: number;
}

/** The host's limits, every one set. */
export type HostLimits = Required<HostLimitOptions>;

/** Options for `startWebhookHost`. */
export interface WebhookHostOptions extends HostLimitOptions {
  /** The shared secret Dataverse sends (`?code=` or an `x-api-key`/`code` header). Required. */
  key: string;
  /** The client handlers use, and /health checks Dataverse with (a WhoAmI). */
  client: DataverseApi;
  /** Port; default 0 (a free port). */
  port?: number;
  /** Interface; default 127.0.0.1. */
  host?: string;
  /** Largest accepted body in bytes; default 1 MiB. */
  maxBodyBytes?: number;
  /** The steps; default every step of solution/webhook-steps.json. */
  registry?: StepRegistry;
  /** Deliveries remembered for duplicate detection; default 1000. */
  ledgerCapacity?: number;
  logger?: HostLogger;
  /** The clock /health's cache reads; default `Date.now`. */
  now?: () => number;
}

/**
 * The limits with defaults filled in.
 * @throws InvalidArgumentError naming the option that is not a positive whole number, or a request
 *   timeout shorter than the headers timeout.
 */
export function resolveLimits(options: HostLimitOptions): HostLimits {
  const limits: HostLimits = { ...DEFAULT_HOST_LIMITS };
  for (const name of Object.keys(DEFAULT_HOST_LIMITS) as Array<keyof HostLimits>) {
    const value = options[name];
    if (value === undefined) continue;
    const zeroAllowed =
      name === 'healthCacheMs' || name === 'retryAfterSeconds' || name === 'maxQueuedRequests';
    if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1)) {
      throw new InvalidArgumentError(
        name,
        `${name} must be a whole number ${zeroAllowed ? 'of 0 or more' : 'above 0'} (got ${String(value)}).`,
      );
    }
    limits[name] = value;
  }
  if (limits.requestTimeoutMs < limits.headersTimeoutMs) {
    throw new InvalidArgumentError(
      'requestTimeoutMs',
      `requestTimeoutMs (${limits.requestTimeoutMs}) must be at least headersTimeoutMs (${limits.headersTimeoutMs}): the body comes after the headers.`,
    );
  }
  return limits;
}
