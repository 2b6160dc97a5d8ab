/**
 * `GET /health`: whether this replica can reach Dataverse, for a load balancer's probe. One WhoAmI
 * with a short timeout answers it; the answer is reused for a few seconds and concurrent probes
 * share one call, so probes (which carry no key) cannot turn into a flood of Dataverse requests.
 * The error text is redacted and never holds the webhook key or a token.
 */
import type { DataverseApi } from '../../sdk/client/api';
import { redactText, REDACTED } from '../../sdk/client/index';
import type { DeliveryAnswer } from './delivery-ledger';

/** The body of a /health answer. */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'draining';
  dataverse?: 'reachable' | 'unreachable';
  /** Why Dataverse could not be reached (redacted). */
  error?: string;
}

/** Options for {@link HealthCheck}. */
export interface HealthCheckOptions {
  /** How long WhoAmI may take. */
  timeoutMs: number;
  /** How long an answer is reused. */
  cacheMs: number;
  /** Values never to show (the webhook key). */
  secrets: string[];
  /** The clock; default `Date.now`. */
  now?: () => number;
}

/** The longest error text a probe gets. */
const MAX_ERROR_LENGTH = 300;

/** Answers /health from a cached WhoAmI. */
export class HealthCheck {
  private cached?: { at: number; answer: DeliveryAnswer };
  private pending?: Promise<DeliveryAnswer>;
  private readonly now: () => number;

  constructor(
    private readonly client: Pick<DataverseApi, 'whoAmI'>,
    private readonly options: HealthCheckOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** 200 `{status:'ok', dataverse:'reachable'}` or 503 `{status:'degraded', dataverse:'unreachable', error}`. */
  answer(): Promise<DeliveryAnswer> {
    const cached = this.cached;
    if (cached && this.now() - cached.at < this.options.cacheMs) return Promise.resolve(cached.answer);
    this.pending ??= this.probe().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async probe(): Promise<DeliveryAnswer> {
    const { timeoutMs } = this.options;
    const signal = AbortSignal.timeout(timeoutMs);
    let answer: DeliveryAnswer;
    try {
      await this.client.whoAmI({ timeoutMs, signal });
      answer = { status: 200, body: { status: 'ok', dataverse: 'reachable' } satisfies HealthReport };
    } catch (error) {
      // The client retries connection failures; past the probe's timeout only the abort is left to tell.
      const prefix = signal.aborted ? `WhoAmI did not succeed within ${timeoutMs} ms: ` : '';
      const body: HealthReport = {
        status: 'degraded',
        dataverse: 'unreachable',
        error: prefix + this.describe(error),
      };
      answer = { status: 503, body };
    }
    this.cached = { at: this.now(), answer };
    return answer;
  }

  private describe(error: unknown): string {
    let text = redactText(error instanceof Error ? error.message : String(error));
    for (const secret of this.options.secrets) {
      if (secret) text = text.split(secret).join(REDACTED);
    }
    return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
  }
}

/** The answer while the host shuts down: the balancer should send new deliveries elsewhere. */
export const DRAINING: DeliveryAnswer = { status: 503, body: { status: 'draining' } satisfies HealthReport };
