/**
 * Dataverse option values and error codes the emulator's extensions write or answer with. The
 * option values are sdk/entities' own (named here as the extensions use them); error codes come
 * from sdk/client/error-codes. Kept in one place so a wrong value is corrected once.
 */

import {
  AsyncOperationState,
  AsyncOperationStatus,
  AsyncOperationType,
} from '../../sdk/entities/async-operation';
import {
  StepImageType,
  StepMode,
  StepStage,
  StepState,
} from '../../sdk/entities/sdk-message-processing-step';
import { ServiceEndpointAuthType, ServiceEndpointContract } from '../../sdk/entities/service-endpoint';

/** asyncoperation state, status and type values: the SDK's, so they are defined once. */
export { AsyncOperationState, AsyncOperationStatus, AsyncOperationType };

/** serviceendpoint.contract and authtype values for webhooks (from sdk/entities). */
export const ServiceEndpointCodes = {
  contractWebhook: ServiceEndpointContract.Webhook,
  authWebhookKey: ServiceEndpointAuthType.WebhookKey,
  authHttpHeader: ServiceEndpointAuthType.HttpHeader,
  authHttpQueryString: ServiceEndpointAuthType.HttpQueryString,
} as const;

/** sdkmessageprocessingstep values: modes, enabled state, and image types (from sdk/entities). */
export const StepCodes = {
  modeSync: StepMode.Synchronous,
  modeAsync: StepMode.Asynchronous,
  stateEnabled: StepState.Enabled,
  stagePostOperation: StepStage.PostOperation,
  imagePre: StepImageType.PreImage,
  imagePost: StepImageType.PostImage,
  imageBoth: StepImageType.Both,
} as const;
