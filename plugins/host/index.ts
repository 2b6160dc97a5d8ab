/** The webhook host: receives Dataverse webhooks and runs the declared steps. */
export {
  startWebhookHost,
  deliveryId,
  WEBHOOK_PATH,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_HOST_LIMITS,
  SIZE_EXCEEDED_HEADER,
  type WebhookHost,
  type WebhookHostOptions,
  type HostLimitOptions,
  type HostLimits,
  type HostLogger,
} from './server';
export { keyMatches, presentedKey, KEY_HEADERS } from './webhook-key';
export { DeliveryLedger, type DeliveryAnswer, type DeliveryLedgerOptions } from './delivery-ledger';
export { HealthCheck, type HealthReport, type HealthCheckOptions } from './health';
export { PROTOTYPE_KEYS } from './json-guard';

import { startWebhookHost } from './server';

/** The name CONTRACTS.md also uses for {@link startWebhookHost}. */
export const createWebhookHost = startWebhookHost;
