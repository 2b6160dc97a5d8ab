/**
 * Values inside an execution context to and from Dataverse's JSON (DataContract JSON): typed values
 * carry `__type` ("Entity:http://schemas.microsoft.com/xrm/2011/Contracts"…) where the declared type
 * is `object` (parameters, attributes); rows in images and collections are sent without it.
 */
import { ExecutionContextFormatError } from './errors';
import { EntityCollection, EntityReference, Money, OptionSetValue, type Entity } from './values';
import { formatWcfDate, parseWcfDate } from './wcf-date';

const CONTRACTS = 'http://schemas.microsoft.com/xrm/2011/Contracts';

/** The `__type` Dataverse writes for each SDK type. */
export const TypeNames = {
  entity: `Entity:${CONTRACTS}`,
  entityReference: `EntityReference:${CONTRACTS}`,
  optionSetValue: `OptionSetValue:${CONTRACTS}`,
  money: `Money:${CONTRACTS}`,
  entityCollection: `EntityCollection:${CONTRACTS}`,
} as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a row in the model shape (as opposed to raw JSON passed through). */
export function isEntity(value: unknown): value is Entity {
  return isObject(value) && typeof value.logicalName === 'string' && isObject(value.attributes);
}

/** Reads `[{key, value}]` into a record, converting each value with `read`. */
export function parseKeyValues<T>(
  json: unknown,
  path: string,
  read: (value: unknown, path: string) => T,
): Record<string, T> {
  if (!Array.isArray(json)) throw new ExecutionContextFormatError(path, 'expected an array of {key, value}');
  const result: Record<string, T> = {};
  json.forEach((pair, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(pair) || typeof pair.key !== 'string') {
      throw new ExecutionContextFormatError(at, 'expected an object with a string "key"');
    }
    // Defined, not assigned: a "__proto__" key stays an ordinary property instead of replacing the prototype.
    Object.defineProperty(result, pair.key, {
      value: read(pair.value, `${at}.value`),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });
  return result;
}

/** Writes a record as `[{key, value}]`, converting each value with `write`. */
export function serializeKeyValues<T>(
  record: Record<string, T> | undefined,
  write: (value: T) => unknown,
): { key: string; value: unknown }[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({ key, value: write(value) }));
}

function text(json: Json, field: string, path: string): string {
  const value = json[field];
  if (typeof value === 'string') return value;
  throw new ExecutionContextFormatError(`${path}.${field}`, 'expected a string');
}

function textOrNull(json: Json, field: string, path: string): string | null {
  const value = json[field];
  if (typeof value === 'string' || value === null) return value;
  throw new ExecutionContextFormatError(`${path}.${field}`, 'expected a string or null');
}

/** Reads a row (`Entity` JSON) into the model. */
export function parseEntity(json: unknown, path: string): Entity {
  if (!isObject(json)) throw new ExecutionContextFormatError(path, 'expected an Entity object');
  const entity: Entity = {
    logicalName: text(json, 'LogicalName', path),
    id: text(json, 'Id', path),
    attributes: parseKeyValues(json.Attributes ?? [], `${path}.Attributes`, parseValue),
    formattedValues: parseKeyValues(json.FormattedValues ?? [], `${path}.FormattedValues`, (v) => String(v)),
    keyAttributes: parseKeyValues(json.KeyAttributes ?? [], `${path}.KeyAttributes`, parseValue),
    relatedEntities: Array.isArray(json.RelatedEntities) ? json.RelatedEntities : [],
    entityState: typeof json.EntityState === 'number' ? json.EntityState : null,
    rowVersion: typeof json.RowVersion === 'string' ? json.RowVersion : null,
  };
  return entity;
}

/** Writes a row as Dataverse does; `typed` adds `__type` (where the declared type is `object`). */
export function serializeEntity(entity: Entity, typed: boolean): Json {
  return {
    ...(typed ? { __type: TypeNames.entity } : {}),
    Attributes: serializeKeyValues(entity.attributes, serializeValue),
    EntityState: entity.entityState ?? null,
    FormattedValues: serializeKeyValues(entity.formattedValues, (v) => v),
    Id: entity.id,
    KeyAttributes: serializeKeyValues(entity.keyAttributes, serializeValue),
    LogicalName: entity.logicalName,
    RelatedEntities: entity.relatedEntities ?? [],
    RowVersion: entity.rowVersion ?? null,
  };
}

/** Reads a reference (`EntityReference` JSON, typed or not). */
export function parseEntityReference(json: unknown, path: string): EntityReference {
  if (!isObject(json)) throw new ExecutionContextFormatError(path, 'expected an EntityReference object');
  const name = json.Name === undefined ? null : textOrNull(json, 'Name', path);
  const ref = new EntityReference(text(json, 'LogicalName', path), text(json, 'Id', path), name);
  ref.keyAttributes = parseKeyValues(json.KeyAttributes ?? [], `${path}.KeyAttributes`, parseValue);
  ref.rowVersion = typeof json.RowVersion === 'string' ? json.RowVersion : null;
  return ref;
}

/** Writes a reference; `typed` adds `__type`. */
export function serializeEntityReference(ref: EntityReference, typed: boolean): Json {
  return {
    ...(typed ? { __type: TypeNames.entityReference } : {}),
    Id: ref.id,
    KeyAttributes: serializeKeyValues(ref.keyAttributes, serializeValue),
    LogicalName: ref.logicalName,
    Name: ref.name ?? null,
    RowVersion: ref.rowVersion ?? null,
  };
}

function parseCollection(json: Json, path: string): EntityCollection {
  if (!Array.isArray(json.Entities))
    throw new ExecutionContextFormatError(`${path}.Entities`, 'expected an array');
  const entities = json.Entities.map((row, index) => parseEntity(row, `${path}.Entities[${index}]`));
  const collection = new EntityCollection(
    entities,
    typeof json.EntityName === 'string' ? json.EntityName : null,
  );
  collection.minActiveRowVersion =
    typeof json.MinActiveRowVersion === 'string' ? json.MinActiveRowVersion : null;
  collection.moreRecords = json.MoreRecords === true;
  collection.pagingCookie = typeof json.PagingCookie === 'string' ? json.PagingCookie : null;
  collection.totalRecordCount = typeof json.TotalRecordCount === 'number' ? json.TotalRecordCount : 0;
  collection.totalRecordCountLimitExceeded = json.TotalRecordCountLimitExceeded === true;
  return collection;
}

function numberField(json: Json, path: string): number {
  if (typeof json.Value !== 'number')
    throw new ExecutionContextFormatError(`${path}.Value`, 'expected a number');
  return json.Value;
}

/**
 * Reads one value: WCF dates become `Date`, typed SDK objects become their classes, arrays are read
 * item by item, anything else (strings, numbers, GUIDs, unknown `__type`s) is kept as sent.
 */
export function parseValue(json: unknown, path: string): unknown {
  if (typeof json === 'string') return parseWcfDate(json) ?? json;
  if (Array.isArray(json)) return json.map((item, index) => parseValue(item, `${path}[${index}]`));
  if (!isObject(json)) return json;
  switch (json.__type) {
    case TypeNames.entity:
      return parseEntity(json, path);
    case TypeNames.entityReference:
      return parseEntityReference(json, path);
    case TypeNames.optionSetValue:
      return new OptionSetValue(numberField(json, path));
    case TypeNames.money:
      return new Money(numberField(json, path));
    case TypeNames.entityCollection:
      return parseCollection(json, path);
    default:
      return json;
  }
}

/** Writes one value as Dataverse does (the inverse of {@link parseValue}). */
export function serializeValue(value: unknown): unknown {
  if (value instanceof Date) return formatWcfDate(value);
  if (value instanceof EntityReference) return serializeEntityReference(value, true);
  if (value instanceof OptionSetValue) return { __type: TypeNames.optionSetValue, Value: value.value };
  if (value instanceof Money) return { __type: TypeNames.money, Value: value.value };
  if (value instanceof EntityCollection) {
    return {
      __type: TypeNames.entityCollection,
      Entities: value.entities.map((row) => serializeEntity(row, false)),
      EntityName: value.entityName,
      MinActiveRowVersion: value.minActiveRowVersion,
      MoreRecords: value.moreRecords,
      PagingCookie: value.pagingCookie,
      TotalRecordCount: value.totalRecordCount,
      TotalRecordCountLimitExceeded: value.totalRecordCountLimitExceeded,
    };
  }
  if (Array.isArray(value)) return value.map(serializeValue);
  if (isEntity(value)) return serializeEntity(value, true);
  return value === undefined ? null : value;
}
