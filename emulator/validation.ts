/**
 * Column rules applied to every write: known columns, types, maximum lengths, required columns,
 * lookup targets, statecode/statuscode pairs, and the rule that an activated workflow's
 * definition cannot be edited; and what the platform itself writes on create and update
 * (defaults, the audit columns, the owner, computed columns).
 */
import {
  StandardColumns,
  WorkflowState,
  WorkflowStatus,
  WorkflowTable,
  WorkflowType,
} from '../sdk/entities/index';
import type { ColumnValues, LookupValue } from './contracts';
import { badRequest, DataverseFault, ErrorCodes, notFound } from './errors';
import { columnOf, isLookup, PARTY_ADDRESS_COLUMNS, tableByLogicalName } from './metadata';
import type { ColumnMeta, TableMeta } from './metadata';
import type { Store } from './store/store';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const { state: STATE, status: STATUS, owner: OWNER } = StandardColumns;

/** What may change on an activated workflow: its state (to deactivate it) and its owner. */
const WORKFLOW_ALWAYS_EDITABLE = new Set<string>([STATE, STATUS, OWNER]);

/** The values a create writes: column defaults, the caller's values, the audit columns, the owner. */
export function createdValues(
  table: TableMeta,
  values: ColumnValues,
  user: LookupValue,
  stamp: string,
): ColumnValues {
  const c = StandardColumns;
  const full: ColumnValues = {};
  for (const column of table.columns) if (column.default !== undefined) full[column.name] = column.default;
  Object.assign(full, values, {
    [c.createdOn]: stamp,
    [c.modifiedOn]: stamp,
    [c.createdBy]: user,
    [c.modifiedBy]: user,
  });
  if (columnOf(table, OWNER) && !full[OWNER]) full[OWNER] = user;
  if (table.computed) Object.assign(full, table.computed(full));
  return full;
}

/** What an update writes besides the changes: who and when, and the columns computed from others. */
export function updatedValues(
  table: TableMeta,
  existing: ColumnValues,
  changes: ColumnValues,
  user: LookupValue,
  stamp: string,
): ColumnValues {
  const audit = { [StandardColumns.modifiedOn]: stamp, [StandardColumns.modifiedBy]: user };
  return { ...audit, ...(table.computed ? table.computed({ ...existing, ...changes }) : {}) };
}

/** Whether a string is a GUID. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/**
 * Checks and normalises canonical values for a create or update. Returns the values to write:
 * read-only columns dropped, dates normalised, state/status completed from each other.
 */
export function validateValues(
  store: Store,
  table: TableMeta,
  values: ColumnValues,
  existing?: ColumnValues,
): ColumnValues {
  const out: ColumnValues = {};
  const parties = new Set((table.activity?.parties ?? []).map((p) => p.name));
  for (const [name, value] of Object.entries(values)) {
    if (parties.has(name)) {
      out[name] = checkPartyList(store, table, name, value);
      continue;
    }
    const column = columnOf(table, name);
    if (!column) {
      throw badRequest(
        `The property '${name}' does not exist on type 'Microsoft.Dynamics.CRM.${table.logicalName}'. Make sure to only use property names that are defined by the type.`,
        ErrorCodes.InvalidPayload,
      );
    }
    if (column.readOnly || name === table.primaryId) continue;
    out[name] = checkValue(store, table, column, value);
  }
  if (!existing) {
    for (const column of table.columns) {
      if (
        column.required &&
        column.default === undefined &&
        (out[column.name] === undefined || out[column.name] === null)
      ) {
        throw badRequest(
          `A value for '${column.name}' is required to create a ${table.logicalName}. Supply it and try again.`,
        );
      }
    }
  } else if (table.logicalName === WorkflowTable.logicalName) {
    checkWorkflowEdit(existing, out);
  }
  checkState(table, out, existing);
  return out;
}

function checkValue(store: Store, table: TableMeta, column: ColumnMeta, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const where = `'${column.name}' of ${table.logicalName}`;
  switch (column.type) {
    case 'string':
    case 'memo':
      if (typeof value !== 'string')
        throw badRequest(`Expected a string for ${where}, got ${typeof value}.`, ErrorCodes.InvalidPayload);
      if (column.maxLength !== undefined && value.length > column.maxLength) {
        throw badRequest(
          `A value for ${where} is ${value.length} characters long; the maximum is ${column.maxLength}. Shorten it and try again.`,
        );
      }
      return value;
    case 'int':
    case 'bigint':
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw badRequest(`Expected a whole number for ${where}.`, ErrorCodes.InvalidPayload);
      if (column.type === 'int' && (value > 2147483647 || value < -2147483648))
        throw badRequest(`The value ${value} for ${where} is out of range.`);
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw badRequest(`Expected a number for ${where}.`, ErrorCodes.InvalidPayload);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean')
        throw badRequest(`Expected true or false for ${where}.`, ErrorCodes.InvalidPayload);
      return value;
    case 'datetime': {
      const time = typeof value === 'string' ? Date.parse(value) : NaN;
      if (Number.isNaN(time))
        throw badRequest(
          `Expected an ISO-8601 date and time for ${where}, got '${String(value)}'.`,
          ErrorCodes.InvalidPayload,
        );
      return new Date(time).toISOString().replace(/\.000Z$/, 'Z');
    }
    case 'choice':
    case 'state':
    case 'status':
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw badRequest(`Expected a whole number for ${where}.`, ErrorCodes.InvalidPayload);
      if (column.type === 'choice' && column.options && !(value in column.options)) {
        throw badRequest(
          `The value ${value} of ${where} is outside the valid range. Use one of ${Object.keys(column.options).join(', ')}.`,
        );
      }
      return value;
    case 'uniqueidentifier':
      if (!isGuid(value)) throw badRequest(`Expected a GUID for ${where}.`, ErrorCodes.InvalidPayload);
      return value.toLowerCase();
    default:
      if (isLookup(column)) return checkLookup(store, table, column.name, column.targets ?? [], value);
      return value;
  }
}

function checkLookup(
  store: Store,
  table: TableMeta,
  name: string,
  targets: string[],
  value: unknown,
): LookupValue {
  const ref = value as LookupValue;
  if (typeof ref !== 'object' || typeof ref.logicalName !== 'string' || !isGuid(ref.id)) {
    throw badRequest(
      `Expected a reference { logicalName, id } for '${name}' of ${table.logicalName}.`,
      ErrorCodes.InvalidPayload,
    );
  }
  if (!targets.includes(ref.logicalName)) {
    throw badRequest(
      `'${name}' of ${table.logicalName} cannot refer to a ${ref.logicalName}; it refers to ${targets.join(' or ')}.`,
    );
  }
  const target = tableByLogicalName(ref.logicalName);
  if (!target || !store.exists(target, ref.id)) throw notFound(ref.logicalName, ref.id);
  return { logicalName: ref.logicalName, id: ref.id.toLowerCase() };
}

function checkPartyList(store: Store, table: TableMeta, name: string, value: unknown): LookupValue[] {
  if (value === null) return [];
  if (!Array.isArray(value))
    throw badRequest(
      `Expected a list of parties for '${name}' of ${table.logicalName}.`,
      ErrorCodes.InvalidPayload,
    );
  return value.map((v) => checkLookup(store, table, name, Object.keys(PARTY_ADDRESS_COLUMNS), v));
}

function checkWorkflowEdit(existing: ColumnValues, out: ColumnValues): void {
  const touched = Object.keys(out).filter((c) => !WORKFLOW_ALWAYS_EDITABLE.has(c));
  const activated = existing[STATE] === WorkflowState.Activated;
  if (activated && existing[WorkflowTable.columns.type] === WorkflowType.Definition && touched.length > 0) {
    // Dataverse refuses any update of an activated definition with this message.
    throw new DataverseFault(
      400,
      ErrorCodes.PublishedWorkflowUpdate,
      `Cannot update a published workflow definition. Deactivate it first (${STATE} ${WorkflowState.Draft}, ${STATUS} ${WorkflowStatus.Draft}), change ${touched.join(', ')}, then activate it again (${STATE} ${WorkflowState.Activated}, ${STATUS} ${WorkflowStatus.Activated}).`,
    );
  }
}

function checkState(table: TableMeta, out: ColumnValues, existing?: ColumnValues): void {
  const pairs = table.states;
  if (!pairs) return;
  const hasState = out[STATE] !== undefined && out[STATE] !== null;
  const hasStatus = out[STATUS] !== undefined && out[STATUS] !== null;
  if (!existing && !hasState && !hasStatus) {
    out[STATE] = Number(Object.keys(pairs)[0]);
  }
  if (!hasState && !hasStatus && existing) return;
  let state = (hasState ? out[STATE] : undefined) as number | undefined;
  const status = (hasStatus ? out[STATUS] : undefined) as number | undefined;
  if (state === undefined && status !== undefined) {
    const found = Object.entries(pairs).find(([, list]) => list.includes(status));
    if (!found) throw badRequest(`${status} is not a valid status code for ${table.logicalName}.`);
    state = Number(found[0]);
  }
  state = state ?? Number(Object.keys(pairs)[0]);
  const allowed = pairs[state];
  if (!allowed)
    throw badRequest(
      `${state} is not a valid state code for ${table.logicalName}. Use one of ${Object.keys(pairs).join(', ')}.`,
    );
  if (status !== undefined && !allowed.includes(status)) {
    throw badRequest(
      `${status} is not a valid status code for state code ${state} on ${table.logicalName}. Use one of ${allowed.join(', ')}.`,
    );
  }
  out[STATE] = state;
  out[STATUS] = status ?? allowed[0];
}
