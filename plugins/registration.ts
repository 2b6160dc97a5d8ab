/**
 * Registers the webhook host with Dataverse: one service endpoint (contract Webhook, authtype
 * WebhookKey) and one sdkmessageprocessingstep per step of solution/webhook-steps.json. Both are
 * found by name first, so running it again updates them instead of adding duplicates.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/register-web-hook
 */
import { randomUUID } from 'node:crypto';
import { guid, type DataverseClient, type FilterObject } from '../sdk/client/index';
import type { WebApiRecord } from '../sdk/client/types';
import {
  bindLookup,
  SdkMessageFilterTable,
  SdkMessageProcessingStepTable,
  SdkMessageTable,
  ServiceEndpointAuthType,
  ServiceEndpointContract,
  ServiceEndpointTable,
  StepMode,
  StepSupportedDeployment,
  type TableDefinition,
} from '../sdk/entities/index';
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
  client: DataverseClient,
  table: TableDefinition,
  filter: FilterObject,
): Promise<string | undefined> {
  const { entitySet, primaryId } = table;
  for await (const row of client.list<WebApiRecord>(entitySet, { select: [primaryId], filter, top: 1 })) {
    return String(row[primaryId]);
  }
  return undefined;
}

async function createOrUpdate(
  client: DataverseClient,
  table: TableDefinition,
  name: string,
  body: WebApiRecord,
): Promise<{ id: string; action: 'created' | 'updated' }> {
  const { entitySet, primaryId, primaryName } = table;
  const existing = await firstId(client, table, { [primaryName]: name });
  if (existing) {
    await client.update(entitySet, existing, body);
    return { id: existing, action: 'updated' };
  }
  // A client-chosen id makes the create safe to retry: a replay after a lost response is not a duplicate.
  const chosen = randomUUID();
  const id = await client.create(
    entitySet,
    { ...body, [primaryName]: name, [primaryId]: chosen },
    { id: chosen },
  );
  return { id, action: 'created' };
}

/**
 * Creates or updates the service endpoint and every step, in order.
 * @throws Error naming the message or table when Dataverse has no sdkmessage / sdkmessagefilter for it.
 */
export async function registerWebhooks(
  client: DataverseClient,
  options: RegisterWebhooksOptions,
): Promise<RegisterWebhooksResult> {
  if (!options.key)
    throw new Error('registerWebhooks needs the host key (the value Dataverse sends as ?code=).');
  const e = ServiceEndpointTable.columns;
  const endpoint = await createOrUpdate(client, ServiceEndpointTable, options.name ?? DEFAULT_ENDPOINT_NAME, {
    [e.url]: webhookUrlFor(options.hostUrl),
    [e.contract]: ServiceEndpointContract.Webhook,
    [e.authType]: ServiceEndpointAuthType.WebhookKey,
    [e.authValue]: options.key,
  });

  const f = SdkMessageFilterTable;
  const { columns: s, lookups: l } = SdkMessageProcessingStepTable;
  const messageIds = new Map<string, string>();
  const steps: RegisterWebhooksResult['steps'] = [];
  for (const step of options.steps ?? declaredSteps()) {
    let messageId = messageIds.get(step.message);
    if (!messageId) {
      messageId = await firstId(client, SdkMessageTable, { [SdkMessageTable.columns.name]: step.message });
      if (!messageId)
        throw new Error(`Dataverse has no sdkmessage named "${step.message}"; check step "${step.name}".`);
      messageIds.set(step.message, messageId);
    }
    const filterId = await firstId(client, f, {
      [f.lookups.message.valueField]: guid(messageId),
      [f.columns.primaryObjectTypeCode]: step.entity,
    });
    if (!filterId) {
      throw new Error(
        `Dataverse has no sdkmessagefilter for ${step.message} of ${step.entity}; is the table installed? (step "${step.name}")`,
      );
    }
    const result = await createOrUpdate(client, SdkMessageProcessingStepTable, step.name, {
      [s.description]: step.description ?? null,
      [s.stage]: step.stage,
      [s.mode]: step.mode,
      [s.rank]: step.rank ?? 1,
      [s.supportedDeployment]: StepSupportedDeployment.ServerOnly,
      // Successful asynchronous jobs are deleted; failed ones stay visible in System Jobs.
      [s.asyncAutoDelete]: step.mode === StepMode.Asynchronous,
      [s.filteringAttributes]: step.filteringAttributes?.length ? step.filteringAttributes.join(',') : null,
      ...bindLookup(l.eventHandlerServiceEndpoint.navigation, ServiceEndpointTable.entitySet, endpoint.id),
      ...bindLookup(l.message.navigation, SdkMessageTable.entitySet, messageId),
      ...bindLookup(l.messageFilter.navigation, f.entitySet, filterId),
    });
    steps.push({ name: step.name, ...result });
  }
  return { endpointId: endpoint.id, endpointAction: endpoint.action, steps };
}
