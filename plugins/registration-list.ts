/**
 * What this product registered in an environment, and removing it: the webhook service endpoint
 * (by name, default {@link DEFAULT_ENDPOINT_NAME}) and the steps that deliver to it.
 */
import type { DataverseClient } from '../sdk/client/index';
import type { WebApiRecord } from '../sdk/client/types';
import {
  SdkMessageProcessingStepTable,
  ServiceEndpointTable,
  StepState,
  readNumber,
  readString,
} from '../sdk/entities/index';
import { normalizeGuid, quote } from '../sdk/invitations/odata';
import { DEFAULT_ENDPOINT_NAME } from './registration';

/** A registered step. */
export interface RegisteredStep {
  id: string;
  name: string;
  stage?: number;
  mode?: number;
  enabled: boolean;
}

/** A registered endpoint with its steps. */
export interface RegisteredEndpoint {
  id: string;
  name: string;
  /** The URL Dataverse posts to (the key is not read). */
  url?: string;
  steps: RegisteredStep[];
}

const e = ServiceEndpointTable.columns;
const { columns: s, lookups: sl } = SdkMessageProcessingStepTable;

/** The endpoints named `name` (normally one) with the steps delivering to each. */
export async function listWebhookRegistrations(
  client: DataverseClient,
  name: string = DEFAULT_ENDPOINT_NAME,
): Promise<RegisteredEndpoint[]> {
  const endpoints: RegisteredEndpoint[] = [];
  for await (const row of client.list<WebApiRecord>(ServiceEndpointTable.entitySet, {
    select: [e.id, e.name, e.url],
    filter: `${e.name} eq ${quote(name)}`,
  })) {
    endpoints.push({
      id: String(row[e.id]),
      name: readString(row, e.name) ?? name,
      url: readString(row, e.url),
      steps: [],
    });
  }
  for (const endpoint of endpoints) {
    for await (const row of client.list<WebApiRecord>(SdkMessageProcessingStepTable.entitySet, {
      select: [s.id, s.name, s.stage, s.mode, s.state],
      filter: `${sl.eventHandlerServiceEndpoint.valueField} eq ${normalizeGuid(endpoint.id)}`,
    })) {
      endpoint.steps.push({
        id: String(row[s.id]),
        name: readString(row, s.name) ?? '',
        stage: readNumber(row, s.stage),
        mode: readNumber(row, s.mode),
        enabled: (readNumber(row, s.state) ?? StepState.Enabled) === StepState.Enabled,
      });
    }
  }
  return endpoints;
}

/** Deletes the steps, then the endpoints, that {@link listWebhookRegistrations} finds; returns them. */
export async function unregisterWebhooks(
  client: DataverseClient,
  name: string = DEFAULT_ENDPOINT_NAME,
): Promise<RegisteredEndpoint[]> {
  const endpoints = await listWebhookRegistrations(client, name);
  for (const endpoint of endpoints) {
    // Steps first: Dataverse refuses to delete an endpoint that steps still point at.
    for (const step of endpoint.steps) await client.delete(SdkMessageProcessingStepTable.entitySet, step.id);
    await client.delete(ServiceEndpointTable.entitySet, endpoint.id);
  }
  return endpoints;
}
