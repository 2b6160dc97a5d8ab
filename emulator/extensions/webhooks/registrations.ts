/**
 * The webhook steps registered in the emulator's tables: each enabled sdkmessageprocessingstep
 * whose event handler is a webhook serviceendpoint, with its message, table, images and endpoint.
 * They are kept between operations while the registration tables are unchanged (a bulk create of
 * thousands of rows would otherwise read them again for every row and stage); which of them run
 * for an event is decided by sdk/webhooks' step selection.
 */
import {
  SdkMessageFilterTable,
  SdkMessageProcessingStepImageTable,
  SdkMessageProcessingStepTable,
  SdkMessageTable,
  ServiceEndpointAuthType,
  ServiceEndpointContract,
  ServiceEndpointTable,
  StepImageType,
  StepState,
} from '../../../sdk/entities/index';
import {
  NO_SECONDARY_ENTITY,
  parseFilteringAttributes,
  type SelectableStep,
} from '../../../sdk/webhooks/index';
import type { EmulatorOperations, StoredRow } from '../../contracts';

const step = SdkMessageProcessingStepTable.columns;
const stepLookups = SdkMessageProcessingStepTable.lookups;
const image = SdkMessageProcessingStepImageTable.columns;
const endpointColumns = ServiceEndpointTable.columns;

/** The tables a step's registration is read from. */
export const REGISTRATION_TABLES = [
  SdkMessageProcessingStepTable.logicalName,
  SdkMessageProcessingStepImageTable.logicalName,
  ServiceEndpointTable.logicalName,
  SdkMessageTable.logicalName,
  SdkMessageFilterTable.logicalName,
] as const;

/** Where and how a step's webhook is called. */
export interface WebhookEndpoint {
  id: string;
  name: string;
  url: string;
  /** serviceendpoint.authtype: WebhookKey, HttpHeader or HttpQueryString. */
  authType: number;
  /** The key, or the `<settings>` XML; a secret, never logged. */
  authValue: string;
}

/** An image the step asked for (sdkmessageprocessingstepimage). */
export interface StepImage {
  /** Key in Pre/PostEntityImages. */
  alias: string;
  /** `StepImageType`: pre, post or both. */
  imageType: number;
  /** Columns to include; empty = all. */
  attributes: string[];
}

/** A registered, enabled webhook step. */
export interface WebhookStep extends SelectableStep {
  id: string;
  name: string;
  endpoint: WebhookEndpoint;
  images: StepImage[];
}

/** The id inside a stored lookup (a `LookupValue`), or a plain id string, in lower case. */
export function lookupId(value: unknown): string | undefined {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id;
    return typeof id === 'string' ? id.toLowerCase() : undefined;
  }
  return undefined;
}

function imagesOf(images: StoredRow[], stepId: string): StepImage[] {
  const stepColumn = SdkMessageProcessingStepImageTable.lookups.step.column;
  return images
    .filter((row) => lookupId(row.values[stepColumn]) === stepId.toLowerCase())
    .map((row) => {
      const v = row.values;
      const imageType =
        typeof v[image.imageType] === 'number' ? (v[image.imageType] as number) : StepImageType.PreImage;
      const alias = v[image.entityAlias] ?? v[image.name];
      const fallback = imageType === StepImageType.PostImage ? 'PostImage' : 'PreImage';
      return {
        alias: typeof alias === 'string' && alias !== '' ? alias : fallback,
        imageType,
        attributes: parseFilteringAttributes(v[image.attributes]),
      };
    });
}

function endpointOf(ops: EmulatorOperations, row: StoredRow): WebhookEndpoint | undefined {
  const id = lookupId(row.values[stepLookups.eventHandlerServiceEndpoint.column]);
  const endpoint = id ? ops.retrieve(ServiceEndpointTable.logicalName, id) : undefined;
  const v = endpoint?.values;
  if (!endpoint || !v || v[endpointColumns.contract] !== ServiceEndpointContract.Webhook) return undefined;
  const url = v[endpointColumns.url];
  if (typeof url !== 'string') return undefined;
  const authType = v[endpointColumns.authType];
  const authValue = v[endpointColumns.authValue];
  return {
    id: endpoint.id,
    name: String(v[endpointColumns.name] ?? ''),
    url,
    authType: typeof authType === 'number' ? authType : ServiceEndpointAuthType.WebhookKey,
    authValue: typeof authValue === 'string' ? authValue : '',
  };
}

/**
 * The table a step runs on: its filter's primary object type code, undefined (every table) for a
 * step without a filter or a filter naming no table, null when the filter does not exist.
 */
function tableOf(ops: EmulatorOperations, row: StoredRow): string | undefined | null {
  const filterId = lookupId(row.values[stepLookups.messageFilter.column]);
  if (!filterId) return undefined;
  const filter = ops.retrieve(SdkMessageFilterTable.logicalName, filterId);
  const table = filter?.values[SdkMessageFilterTable.columns.primaryObjectTypeCode];
  if (typeof table !== 'string') return null;
  return table === NO_SECONDARY_ENTITY ? undefined : table;
}

/** Every enabled webhook step, read from the registration tables, in stored order. */
export function readWebhookSteps(ops: EmulatorOperations): WebhookStep[] {
  const rows = ops.find(SdkMessageProcessingStepTable.logicalName, { [step.state]: StepState.Enabled });
  // Most writes meet no step at all: read images, messages and endpoints only when there are steps.
  if (rows.length === 0) return [];
  const images = ops.find(SdkMessageProcessingStepImageTable.logicalName);
  const steps: WebhookStep[] = [];
  for (const row of rows) {
    const v = row.values;
    const messageId = lookupId(v[stepLookups.message.column]);
    const message = messageId ? ops.retrieve(SdkMessageTable.logicalName, messageId) : undefined;
    const messageName = message?.values[SdkMessageTable.columns.name];
    const entity = tableOf(ops, row);
    const endpoint = endpointOf(ops, row);
    if (typeof messageName !== 'string' || entity === null || !endpoint) continue;
    steps.push({
      id: row.id,
      name: String(v[step.name] ?? ''),
      message: messageName,
      entity,
      stage: Number(v[step.stage]),
      mode: Number(v[step.mode]),
      rank: typeof v[step.rank] === 'number' ? (v[step.rank] as number) : 1,
      filteringAttributes: parseFilteringAttributes(v[step.filteringAttributes]),
      endpoint,
      images: imagesOf(images, row.id),
    });
  }
  return steps;
}

/** The registered webhook steps, read again only when a registration table changed. */
export class StepRegistrations {
  private version = -1;
  private cached: WebhookStep[] = [];
  /** Without `changeCount`: the steps read once per operation (every stage sees the same event). */
  private readonly byEvent = new WeakMap<object, WebhookStep[]>();

  constructor(private readonly ops: EmulatorOperations) {}

  /** The steps registered now, for the operation `event` is the event of. */
  current(event: object): WebhookStep[] {
    if (!this.ops.changeCount) {
      let steps = this.byEvent.get(event);
      if (!steps) {
        steps = readWebhookSteps(this.ops);
        this.byEvent.set(event, steps);
      }
      return steps;
    }
    let version = 0;
    for (const table of REGISTRATION_TABLES) version += this.ops.changeCount(table);
    if (version !== this.version) {
      this.cached = readWebhookSteps(this.ops);
      this.version = version;
    }
    return this.cached;
  }
}
