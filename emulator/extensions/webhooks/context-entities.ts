/**
 * Rows and column values as an execution context carries them: each canonical emulator value typed
 * as the SDK types it (OptionSetValue, EntityReference, party lists, dates, Money), with the
 * formatted values Dataverse adds for choices.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks
 */
import { StandardColumns } from '../../../sdk/entities/index';
import { EntityReference, Money, OptionSetValue, partyList, type Entity } from '../../../sdk/webhooks/index';
import { isLookupValue, type ColumnValues } from '../../contracts';
import { columnOf, tableByLogicalName } from '../../metadata/index';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One canonical column value as the SDK type Dataverse puts in an execution context: choices as
 * `OptionSetValue`, lookups as `EntityReference`, party lists as an `EntityCollection` of activity
 * parties, dates as `Date`, money as `Money`. The table's metadata decides; without it, only
 * lookups, state/status and ISO dates are recognised.
 */
export function toTypedValue(entityName: string, column: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const table = tableByLogicalName(entityName);
  const party = table?.activity?.parties.find((p) => p.name === column);
  if (party || (Array.isArray(value) && value.every(isLookupValue))) {
    const refs = (Array.isArray(value) ? value : [value])
      .filter(isLookupValue)
      .map((v) => new EntityReference(v.logicalName, v.id, v.name ?? null));
    return partyList(refs, party?.participationType ?? 0);
  }
  if (isLookupValue(value)) return new EntityReference(value.logicalName, value.id, value.name ?? null);
  const type: string | undefined = table ? columnOf(table, column)?.type : undefined;
  if (typeof value === 'number') {
    if (type === 'choice' || type === 'state' || type === 'status') return new OptionSetValue(value);
    if (type === 'money') return new Money(value);
    if (!type && (column === StandardColumns.state || column === StandardColumns.status))
      return new OptionSetValue(value);
    return value;
  }
  if (typeof value === 'string' && (type === 'datetime' || (!type && ISO_DATE.test(value)))) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return value;
}

/** Formatted values Dataverse adds for choice columns (the option's label). */
function formattedValues(entityName: string, values: ColumnValues): Record<string, string> {
  const table = tableByLogicalName(entityName);
  const result: Record<string, string> = {};
  if (!table) return result;
  for (const [column, value] of Object.entries(values)) {
    const options = columnOf(table, column)?.options;
    if (options && typeof value === 'number' && options[value] !== undefined) result[column] = options[value];
  }
  return result;
}

/**
 * A row as an execution-context `Entity`.
 * @param columns When given, only these columns (an image registered with attributes).
 */
export function toEntity(entityName: string, id: string, values: ColumnValues, columns?: string[]): Entity {
  const picked =
    columns && columns.length > 0
      ? Object.fromEntries(Object.entries(values).filter(([c]) => columns.includes(c.toLowerCase())))
      : values;
  const attributes: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(picked)) {
    if (value === undefined) continue;
    attributes[column] = toTypedValue(entityName, column, value);
  }
  return { logicalName: entityName, id, attributes, formattedValues: formattedValues(entityName, picked) };
}
