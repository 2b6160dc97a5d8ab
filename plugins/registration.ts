/**
 * Registers the webhook host with Dataverse: one service endpoint (contract Webhook, authtype
 * WebhookKey) and one sdkmessageprocessingstep per step of solution/webhook-steps.json. Both are
 * found by name first, so running it again updates them instead of adding duplicates.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/register-web-hook
 */
import { randomUUID } from 'node:crypto';
import type { DataverseApi } from '../sdk/client/api';
import { guid, type FilterObject } from '../sdk/client/index';
import type { WebApiRecord } from '../sdk/client/types';
import {
  SdkMessageFilterTable,
  sdkMessageProcessingStepToWebApi,
  SdkMessageProcessingStepTable,
  SdkMessageTable,
  ServiceEndpointAuthType,
  ServiceEndpointContract,
  ServiceEndpointTable,
  serviceEndpointToWebApi,
  StepMode,
  StepSupportedDeployment,
  type TableDefinition,
} from '../sdk/entities/index';
import { ConfigurationError, InvalidArgumentError } from '../sdk/errors';
import { declaredSteps } from './handlers/index';
import { WEBHOOK_PATH } from './host/server';
import type { StepDefinition } from './pipeline/step';

/** The service endpoint's name unless told otherwise. */
export const DEFAULT_ENDPOINT_NAME = 'PortalInvitations webhook host';

/** Options for {@link registerWebhooks}. */
export interface RegisterWebhooksOptions {
  /** The host's base URL (`https://plugins.contoso.com`) or its full webhook URL; a bare origin gets {@link WEBHOOK_PATH}. */
  hostUrl: string;
  /** The key Dataverse sends as `?code=`; stored in the endpoint's authvalue, never logged. */
  key: string;
  /** Service endpoint name; default {@link DEFAULT_ENDPOINT_NAME}. */
  name?: string;
  /** Steps to register; default the ones declared in solution/webhook-steps.json. */
  steps?: StepDefinition[];
}

/** What {@link registerWebhooks} did. */
export interface RegisterWebhooksResult {
  endpointId: string;
  endpointAction: 'created' | 'updated';
  steps: { name: string; id: string; action: 'created' | 'updated' }[];
}

/** The URL the endpoint posts to. */
export function webhookUrlFor(hostUrl: string): string {
  const url = new URL(hostUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = WEBHOOK_PATH;
  return url.toString();
}

async function firstId(
  client: DataverseApi,
  table: TableDefinition,
  filter: FilterObject,
): Promise<string | undefined> {
  const { entitySet, primaryId } = table;
  for await (const row of client.list<WebApiRecord>(entitySet, { select: [primaryId], filter, top: 1 })) {
    return String(row[primaryId]);
  }
  return undefined;
}

/** A row to find by its primary name, then update or create. */
interface NamedRow {
  table: TableDefinition;
  name: string;
  /** The body for a given id and name (both only on create). */
  body: (created?: { id: string; name: string }) => WebApiRecord;
}

async function createOrUpdate(
  client: DataverseApi,
  { table, name, body }: NamedRow,
): Promise<{ id: string; action: 'created' | 'updated' }> {
  const existing = await firstId(client, table, { [table.primaryName]: name });
  if (existing) {
    await client.update(table.entitySet, existing, body());
    return { id: existing, action: 'updated' };
  }
  // A client-chosen id makes the create safe to retry: a replay after a lost response is not a duplicate.
  const chosen = randomUUID();
  const id = await client.create(table.entitySet, body({ id: chosen, name }), { id: chosen });
  return { id, action: 'created' };
}

/**
 * Creates or updates the service endpoint and every step, in order.
 * @throws InvalidArgumentError without a key; ConfigurationError naming the message or table when
 * Dataverse has no sdkmessage / sdkmessagefilter for a step.
 */
export async function registerWebhooks(
  client: DataverseApi,
  options: RegisterWebhooksOptions,
): Promise<RegisterWebhooksResult> {
  if (!options.key) {
    throw new InvalidArgumentError(
      'key',
      'registerWebhooks needs the host key (the value Dataverse sends as ?code=).',
    );
  }
  const endpoint = await createOrUpdate(client, {
    table: ServiceEndpointTable,
    name: options.name ?? DEFAULT_ENDPOINT_NAME,
    body: (created) =>
      serviceEndpointToWebApi({
        url: webhookUrlFor(options.hostUrl),
        contract: ServiceEndpointContract.Webhook,
        authType: ServiceEndpointAuthType.WebhookKey,
        authValue: options.key,
        ...created,
      }),
  });

  const f = SdkMessageFilterTable;
  const messageIds = new Map<string, string>();
  const steps: RegisterWebhooksResult['steps'] = [];
  for (const step of options.steps ?? declaredSteps()) {
    let messageId = messageIds.get(step.message);
    if (!messageId) {
      messageId = await firstId(client, SdkMessageTable, { [SdkMessageTable.columns.name]: step.message });
      if (!messageId) {
        throw new ConfigurationError(
          `Dataverse has no ${SdkMessageTable.logicalName} named "${step.message}"; check step "${step.name}".`,
        );
      }
      messageIds.set(step.message, messageId);
    }
    const filterId = await firstId(client, f, {
      [f.lookups.message.valueField]: guid(messageId),
      [f.columns.primaryObjectTypeCode]: step.entity,
    });
    if (!filterId) {
      throw new ConfigurationError(
        `Dataverse has no ${f.logicalName} for ${step.message} of ${step.entity}; is the table installed? (step "${step.name}")`,
      );
    }
    const stepFields = {
      description: step.description ?? null,
      stage: step.stage,
      mode: step.mode,
      rank: step.rank ?? 1,
      supportedDeployment: StepSupportedDeployment.ServerOnly,
      // Successful asynchronous jobs are deleted; failed ones stay visible in System Jobs.
      asyncAutoDelete: step.mode === StepMode.Asynchronous,
      filteringAttributes: step.filteringAttributes ?? null,
      serviceEndpointId: endpoint.id,
      messageId,
      messageFilterId: filterId,
    };
    const result = await createOrUpdate(client, {
      table: SdkMessageProcessingStepTable,
      name: step.name,
      body: (created) => sdkMessageProcessingStepToWebApi({ ...stepFields, ...created }),
    });
    steps.push({ name: step.name, ...result });
  }
  return { endpointId: endpoint.id, endpointAction: endpoint.action, steps };
}
