/**
 * `RemoteExecutionContext` to and from the exact JSON Dataverse posts: PascalCase keys in ordinal
 * order (as DataContract JSON writes them), `{key, value}` arrays, `__type` on typed values and
 * `/Date(ms)/` dates.
 */
import type { RemoteExecutionContext } from './context';
import { NO_SECONDARY_ENTITY } from './context';
import { ExecutionContextFormatError } from './errors';
import {
  parseEntity,
  parseEntityReference,
  parseKeyValues,
  parseValue,
  serializeEntity,
  serializeEntityReference,
  serializeKeyValues,
  serializeValue,
} from './value-codec';
import { formatWcfDate, parseWcfDate } from './wcf-date';

type Json = Record<string, unknown>;

const KNOWN = new Set([
  'BusinessUnitId', 'CorrelationId', 'Depth', 'InitiatingUserAgent', 'InitiatingUserAzureActiveDirectoryObjectId',
  'InitiatingUserId', 'InputParameters', 'IsExecutingOffline', 'IsInTransaction', 'IsOfflinePlayback',
  'IsolationMode', 'MessageName', 'Mode', 'OperationCreatedOn', 'OperationId', 'OrganizationId',
  'OrganizationName', 'OutputParameters', 'OwningExtension', 'ParentContext', 'PostEntityImages',
  'PreEntityImages', 'PrimaryEntityId', 'PrimaryEntityName', 'RequestId', 'SecondaryEntityName',
  'SharedVariables', 'Stage', 'UserAzureActiveDirectoryObjectId', 'UserId',
]); // prettier-ignore

/** Typed field access on one JSON object; failures name the field's full path. */
function reader(json: Json, path: string) {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const fail = (field: string, expected: string): never => {
    const problem = json[field] === undefined ? `missing (expected ${expected})` : `expected ${expected}`;
    throw new ExecutionContextFormatError(at(field), problem);
  };
  const absent = (field: string) => json[field] === undefined || json[field] === null;
  const string = (field: string): string => {
    const value = json[field];
    return typeof value === 'string' ? value : fail(field, 'a string');
  };
  const number = (field: string): number => {
    const value = json[field];
    return typeof value === 'number' && Number.isFinite(value) ? value : fail(field, 'a number');
  };
  const boolean = (field: string): boolean => {
    const value = json[field];
    if (value === undefined) return false;
    return typeof value === 'boolean' ? value : fail(field, 'true or false');
  };
  const date = (field: string): Date => {
    const value = json[field];
    const parsed = typeof value === 'string' ? parseWcfDate(value) : undefined;
    return parsed ?? fail(field, 'a date like "/Date(1608015600000)/"');
  };
  const optionalString = (field: string, fallback: string): string =>
    absent(field) ? fallback : string(field);
  return { at, string, number, boolean, date, optionalString };
}

/**
 * Reads a webhook body (already `JSON.parse`d) into a {@link RemoteExecutionContext}.
 * Collections that Dataverse drops from oversized payloads (`x-ms-dynamics-msg-size-exceeded`) read as empty.
 * @throws ExecutionContextFormatError naming the field that is missing or of the wrong type.
 */
export function parseRemoteExecutionContext(json: unknown, path = ''): RemoteExecutionContext {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ExecutionContextFormatError(path, 'expected a JSON object (the RemoteExecutionContext)');
  }
  const body = json as Json;
  const r = reader(body, path);
  const optional = (field: string) => (body[field] === undefined ? undefined : r.string(field));
  const additional = Object.fromEntries(Object.entries(body).filter(([key]) => !KNOWN.has(key)));
  const context: RemoteExecutionContext = {
    messageName: r.string('MessageName'),
    primaryEntityName: r.string('PrimaryEntityName'),
    primaryEntityId: r.string('PrimaryEntityId'),
    secondaryEntityName: r.optionalString('SecondaryEntityName', NO_SECONDARY_ENTITY),
    stage: r.number('Stage'),
    mode: r.number('Mode'),
    depth: r.number('Depth'),
    userId: r.string('UserId'),
    initiatingUserId: r.optionalString('InitiatingUserId', r.string('UserId')),
    userAzureActiveDirectoryObjectId: optional('UserAzureActiveDirectoryObjectId'),
    initiatingUserAzureActiveDirectoryObjectId: optional('InitiatingUserAzureActiveDirectoryObjectId'),
    initiatingUserAgent: optional('InitiatingUserAgent'),
    businessUnitId: r.optionalString('BusinessUnitId', ''),
    correlationId: r.string('CorrelationId'),
    requestId: body.RequestId === null || body.RequestId === undefined ? null : r.string('RequestId'),
    operationId: r.optionalString('OperationId', ''),
    operationCreatedOn: body.OperationCreatedOn === undefined ? new Date(0) : r.date('OperationCreatedOn'),
    organizationId: r.string('OrganizationId'),
    organizationName: r.optionalString('OrganizationName', ''),
    isInTransaction: r.boolean('IsInTransaction'),
    isolationMode: body.IsolationMode === undefined ? 1 : r.number('IsolationMode'),
    isExecutingOffline: r.boolean('IsExecutingOffline'),
    isOfflinePlayback: r.boolean('IsOfflinePlayback'),
    owningExtension: body.OwningExtension
      ? parseEntityReference(body.OwningExtension, r.at('OwningExtension'))
      : null,
    inputParameters: parseKeyValues(body.InputParameters ?? [], r.at('InputParameters'), parseValue),
    outputParameters: parseKeyValues(body.OutputParameters ?? [], r.at('OutputParameters'), parseValue),
    sharedVariables: parseKeyValues(body.SharedVariables ?? [], r.at('SharedVariables'), parseValue),
    preEntityImages: parseKeyValues(body.PreEntityImages ?? [], r.at('PreEntityImages'), parseEntity),
    postEntityImages: parseKeyValues(body.PostEntityImages ?? [], r.at('PostEntityImages'), parseEntity),
    parentContext: body.ParentContext
      ? parseRemoteExecutionContext(body.ParentContext, r.at('ParentContext'))
      : null,
  };
  if (Object.keys(additional).length > 0) context.additionalFields = additional;
  return context;
}

/** Writes a context as the JSON Dataverse posts (the inverse of {@link parseRemoteExecutionContext}). */
export function serializeRemoteExecutionContext(ctx: RemoteExecutionContext): Record<string, unknown> {
  const fields: Json = {
    ...ctx.additionalFields,
    BusinessUnitId: ctx.businessUnitId,
    CorrelationId: ctx.correlationId,
    Depth: ctx.depth,
    InitiatingUserId: ctx.initiatingUserId,
    InputParameters: serializeKeyValues(ctx.inputParameters, serializeValue),
    IsExecutingOffline: ctx.isExecutingOffline ?? false,
    IsInTransaction: ctx.isInTransaction,
    IsOfflinePlayback: ctx.isOfflinePlayback ?? false,
    IsolationMode: ctx.isolationMode,
    MessageName: ctx.messageName,
    Mode: ctx.mode,
    OperationCreatedOn: formatWcfDate(ctx.operationCreatedOn),
    OperationId: ctx.operationId,
    OrganizationId: ctx.organizationId,
    OrganizationName: ctx.organizationName,
    OutputParameters: serializeKeyValues(ctx.outputParameters, serializeValue),
    OwningExtension: ctx.owningExtension ? serializeEntityReference(ctx.owningExtension, false) : null,
    ParentContext: ctx.parentContext ? serializeRemoteExecutionContext(ctx.parentContext) : null,
    PostEntityImages: serializeKeyValues(ctx.postEntityImages, (image) => serializeEntity(image, false)),
    PreEntityImages: serializeKeyValues(ctx.preEntityImages, (image) => serializeEntity(image, false)),
    PrimaryEntityId: ctx.primaryEntityId,
    PrimaryEntityName: ctx.primaryEntityName,
    RequestId: ctx.requestId,
    SecondaryEntityName: ctx.secondaryEntityName ?? NO_SECONDARY_ENTITY,
    SharedVariables: serializeKeyValues(ctx.sharedVariables, serializeValue),
    Stage: ctx.stage,
    UserId: ctx.userId,
  };
  if (ctx.userAzureActiveDirectoryObjectId !== undefined) {
    fields.UserAzureActiveDirectoryObjectId = ctx.userAzureActiveDirectoryObjectId;
  }
  if (ctx.initiatingUserAzureActiveDirectoryObjectId !== undefined) {
    fields.InitiatingUserAzureActiveDirectoryObjectId = ctx.initiatingUserAzureActiveDirectoryObjectId;
  }
  if (ctx.initiatingUserAgent !== undefined) fields.InitiatingUserAgent = ctx.initiatingUserAgent;
  return Object.fromEntries(
    Object.keys(fields)
      .sort(ordinal)
      .map((key) => [key, fields[key]]),
  );
}

function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
