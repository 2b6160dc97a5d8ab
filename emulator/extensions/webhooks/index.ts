/** Webhook dispatch of registered steps: the emulator's event pipeline. */
export { WebhookPipeline, DEFAULT_ORGANIZATION } from './pipeline';
export type { WebhookPipelineOptions } from './pipeline';
export { ensureSdkMessages, sdkMessageId, sdkMessageFilterId, PIPELINE_MESSAGES } from './sdk-messages';
export { deliverWebhook, parseAuthSettings, authenticatedRequest } from './delivery';
export type { DeliveryResult, DeliveryOptions } from './delivery';
export { findSteps } from './step-registry';
export type { ResolvedStep, WebhookEndpoint, StepImage } from './step-registry';
export { buildExecutionContext } from './execution-context';
export type { OrganizationInfo } from './execution-context';
export { toEntity, toTypedValue } from './typed-values';
