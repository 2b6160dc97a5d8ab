/**
 * Small builders for column metadata and the standard columns every table carries, so each
 * table file reads as a list of its own columns.
 */
import type { ColumnMeta } from './types';

/** A string column (`maxLength` as in Dataverse's metadata). */
export function text(name: string, maxLength: number, required = false): ColumnMeta {
  return { name, type: 'string', maxLength, required };
}

/** A multi-line text column. */
export function memo(name: string, maxLength = 1048576, required = false): ColumnMeta {
  return { name, type: 'memo', maxLength, required };
}

/** A whole number column. */
export function int(name: string, required = false): ColumnMeta {
  return { name, type: 'int', required };
}

/** A two-option column. */
export function bool(name: string, defaultValue?: boolean): ColumnMeta {
  return { name, type: 'boolean', default: defaultValue };
}

/** A date and time column (ISO-8601, UTC). */
export function dateTime(name: string): ColumnMeta {
  return { name, type: 'datetime' };
}

/** A choice column with its options. */
export function choice(
  name: string,
  options: Record<number, string>,
  required = false,
  def?: number,
): ColumnMeta {
  return { name, type: 'choice', options, required, default: def };
}

/**
 * A lookup column. `navigation` maps each target table to its single-valued navigation
 * property (case-sensitive in `@odata.bind`).
 */
export function lookup(name: string, navigation: Record<string, string>, required = false): ColumnMeta {
  return { name, type: 'lookup', targets: Object.keys(navigation), navigation, required };
}

/** The primary key column. */
export function primaryKey(name: string): ColumnMeta {
  return { name, type: 'uniqueidentifier' };
}

/** statecode/statuscode columns with their labels. */
export function stateColumns(states: Record<number, string>, statuses: Record<number, string>): ColumnMeta[] {
  return [
    { name: 'statecode', type: 'state', options: states },
    { name: 'statuscode', type: 'status', options: statuses },
  ];
}

/** createdon/modifiedon/createdby/modifiedby/versionnumber, set by the system only. */
export function systemColumns(): ColumnMeta[] {
  return [
    { name: 'createdon', type: 'datetime', readOnly: true },
    { name: 'modifiedon', type: 'datetime', readOnly: true },
    {
      name: 'createdby',
      type: 'lookup',
      readOnly: true,
      targets: ['systemuser'],
      navigation: { systemuser: 'createdby' },
    },
    {
      name: 'modifiedby',
      type: 'lookup',
      readOnly: true,
      targets: ['systemuser'],
      navigation: { systemuser: 'modifiedby' },
    },
    { name: 'versionnumber', type: 'bigint', readOnly: true },
  ];
}

/** The owner column of a user-owned table (defaults to the caller). */
export function ownerColumn(): ColumnMeta {
  return { name: 'ownerid', type: 'owner', targets: ['systemuser'], navigation: { systemuser: 'ownerid' } };
}

/** Standard state labels of an ordinary table (Active/Inactive). */
export const ACTIVE_INACTIVE = {
  states: { 0: 'Active', 1: 'Inactive' },
  statuses: { 1: 'Active', 2: 'Inactive' },
};

/** Standard states of an activity table (Open/Completed/Canceled/Scheduled). */
export const ACTIVITY_STATES = {
  states: { 0: 'Open', 1: 'Completed', 2: 'Canceled', 3: 'Scheduled' },
  statuses: { 1: 'Open', 2: 'Completed', 3: 'Canceled', 4: 'Scheduled' },
  pairs: { 0: [1], 1: [2], 2: [3], 3: [4] } as Record<number, number[]>,
};
