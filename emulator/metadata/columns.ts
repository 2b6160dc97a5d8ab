/**
 * What the emulator adds to a column that sdk/entities names: its type, length, default and
 * option labels. The builders take no names; `defineTable` pairs each with its column key.
 */
import type { ColumnMeta } from './types';

/** A column's description without its name (which comes from the sdk/entities definition). */
export type ColumnSpec = Omit<ColumnMeta, 'name' | 'targets' | 'navigation'>;

/** What a column may add to its type. */
export interface ColumnOptions {
  /** Must have a value on create (Dataverse "ApplicationRequired"). */
  required?: boolean;
  /** Value written on create when none is given. */
  default?: unknown;
  /** Looked up by value often: keep a case-insensitive index on it. */
  indexed?: boolean;
  /** Set by the system only; a client that sends it is ignored. */
  readOnly?: boolean;
}

/** A numeric enum of sdk/entities (`InvitationType`, `StepMode`...): its values are the options. */
export type OptionEnum = Readonly<Record<string, string | number>>;

/** A single-line text column of at most `maxLength` characters (as in Dataverse's metadata). */
export function text(maxLength: number, options: ColumnOptions = {}): ColumnSpec {
  return { type: 'string', maxLength, ...options };
}

/** A multi-line text column. */
export function memo(maxLength = 1048576, options: ColumnOptions = {}): ColumnSpec {
  return { type: 'memo', maxLength, ...options };
}

/** A whole number column. */
export function int(options: ColumnOptions = {}): ColumnSpec {
  return { type: 'int', ...options };
}

/** A two-option column. */
export function bool(defaultValue?: boolean): ColumnSpec {
  return { type: 'boolean', default: defaultValue };
}

/** A date and time column (ISO-8601, UTC). */
export function dateTime(): ColumnSpec {
  return { type: 'datetime' };
}

/**
 * A date-only column with user-local behaviour: Dataverse keeps the UTC instant of the user's local
 * midnight and formats it as a date ("6/1/2026").
 * https://learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute
 */
export function dateOnly(): ColumnSpec {
  return { type: 'datetime', dateOnly: true };
}

/** A unique identifier column that is not the primary key. */
export function guid(options: ColumnOptions = {}): ColumnSpec {
  return { type: 'uniqueidentifier', ...options };
}

/** `WaitingForResources` → `Waiting For Resources`, `SASKey` → `SAS Key`. */
function spaced(member: string): string {
  return member.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

/**
 * The FormattedValue label of each value of an enum: the member name spaced out, unless
 * `labels` gives Dataverse's own wording.
 */
export function optionLabels(
  values: OptionEnum,
  labels: Record<number, string> = {},
): Record<number, string> {
  const result: Record<number, string> = {};
  for (const [member, value] of Object.entries(values)) {
    if (typeof value === 'number') result[value] = labels[value] ?? spaced(member);
  }
  return result;
}

/** A choice column whose options are the values of an sdk/entities enum. */
export function choice(
  values: OptionEnum,
  settings: Omit<ColumnOptions, 'default'> & { default?: number; labels?: Record<number, string> } = {},
): ColumnSpec {
  const { labels, ...options } = settings;
  return { type: 'choice', options: optionLabels(values, labels), ...options };
}

/** The state model of a table: its statecode and statuscode options and which go together. */
export interface StateModel {
  /** Valid statecode → statuscode values; the first status is the default for the state. */
  pairs: Record<number, number[]>;
  stateLabels: Record<number, string>;
  statusLabels: Record<number, string>;
}

/**
 * A state model from the table's state and status enums. Only the values `pairs` names are
 * options; `statusLabels` overrides a status label where Dataverse words it differently.
 */
export function stateModel(
  states: OptionEnum,
  statuses: OptionEnum,
  pairs: Record<number, number[]>,
  statusLabels: Record<number, string> = {},
): StateModel {
  const stateLabels = optionLabels(states);
  const allStatuses = optionLabels(statuses, statusLabels);
  const keep = (labels: Record<number, string>, values: number[]) =>
    Object.fromEntries(values.map((v) => [v, labels[v]]));
  return {
    pairs,
    stateLabels: keep(stateLabels, Object.keys(pairs).map(Number)),
    statusLabels: keep(allStatuses, Object.values(pairs).flat()),
  };
}
