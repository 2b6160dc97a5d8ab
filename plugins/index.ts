/**
 * Server-side logic for portal invitations: the step pipeline, the invitation handlers, the webhook
 * host that runs them for Dataverse, and the registration of that host's steps.
 */
export * from './pipeline/index';
export * from './handlers/index';
export * from './host/index';
export {
  registerWebhooks,
  webhookUrlFor,
  DEFAULT_ENDPOINT_NAME,
  type RegisterWebhooksOptions,
  type RegisterWebhooksResult,
} from './registration';
