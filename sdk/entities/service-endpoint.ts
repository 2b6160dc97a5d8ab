/**
 * serviceendpoint: where Dataverse posts the execution context of a registered step. This package
 * registers one webhook endpoint (contract Webhook, authtype WebhookKey) for its plug-in host.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/serviceendpoint
 */
import type { WebApiRecord } from '../client/types';
import type { TableDefinition } from './table';

/** serviceendpoint's names. */
export const ServiceEndpointTable = {
  logicalName: 'serviceendpoint',
  entitySet: 'serviceendpoints',
  primaryId: 'serviceendpointid',
  primaryName: 'name',
  columns: {
    id: 'serviceendpointid',
    name: 'name',
    url: 'url',
    contract: 'contract',
    authType: 'authtype',
    /** The secret (webhook key, header or query string); write-only in practice, never log it. */
    authValue: 'authvalue',
    messageFormat: 'messageformat',
    description: 'description',
  },
  lookups: {},
  relationships: {
    /** 1:N to the steps whose event handler is this endpoint. */
    steps: 'serviceendpoint_sdkmessageprocessingstep',
  },
} as const satisfies TableDefinition;

/** serviceendpoint.contract: the kind of endpoint. */
export enum ServiceEndpointContract {
  OneWay = 1,
  Queue = 2,
  Rest = 3,
  TwoWay = 4,
  Topic = 5,
  QueuePersistent = 6,
  EventHub = 7,
  Webhook = 8,
}

/** serviceendpoint.authtype: how a webhook proves itself to the receiver. */
export enum ServiceEndpointAuthType {
  /** Azure Service Bus: Access Control Service (retired). */
  ACS = 1,
  /** Azure Service Bus: shared access signature key. */
  SASKey = 2,
  /** Azure Service Bus: shared access signature token. */
  SASToken = 3,
  /** The key travels as the `code` query-string parameter. */
  WebhookKey = 4,
  /** `authvalue` holds headers sent with every request. */
  HttpHeader = 5,
  /** `authvalue` holds query-string parameters added to the URL. */
  HttpQueryString = 6,
}

/** serviceendpoint.messageformat: how the execution context is serialized. */
export enum ServiceEndpointMessageFormat {
  NetBinary = 1,
  Json = 2,
  Xml = 3,
}

/** Fields accepted by {@link serviceEndpointToWebApi}. */
export interface ServiceEndpointFields {
  /** Client-chosen serviceendpointid (create only). */
  id?: string;
  name?: string;
  /** Where Dataverse posts the execution context. */
  url?: string;
  contract?: ServiceEndpointContract;
  authType?: ServiceEndpointAuthType;
  /** The secret (webhook key); never log the body this goes into. */
  authValue?: string;
}

const { columns: c } = ServiceEndpointTable;

/** Builds a create/update body; only given fields are written. */
export function serviceEndpointToWebApi(fields: ServiceEndpointFields): WebApiRecord {
  const body: WebApiRecord = {};
  if (fields.url !== undefined) body[c.url] = fields.url;
  if (fields.contract !== undefined) body[c.contract] = fields.contract;
  if (fields.authType !== undefined) body[c.authType] = fields.authType;
  if (fields.authValue !== undefined) body[c.authValue] = fields.authValue;
  if (fields.name !== undefined) body[c.name] = fields.name;
  if (fields.id !== undefined) body[c.id] = fields.id;
  return body;
}
