/**
 * Dataverse's query functions in `$filter`: `Microsoft.Dynamics.CRM.In` and `NotIn`
 * (`Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=["a","b"])`). @odata/parser
 * reads `PropertyValues` only as a JSON array (double quotes); a list in single quotes is a
 * syntax error. Parameter aliases (`PropertyValues=@p2&@p2=[...]`) are replaced by their values
 * before parsing (query-options.ts).
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/queryfunctions
 */
import { badRequest, ErrorCodes } from '../errors';
import type { ColumnMeta } from '../metadata';
import { isNode } from './filter-ast';
import type { FilterNode } from './filter-ast';
import { membership } from './filter-junction';
import { coerceJsonItem } from './filter-values';
import type { SqlFragment } from './filter-junction';

/** A column of the row being filtered, as SQL. */
export interface ColumnOperand {
  sql: string;
  column: ColumnMeta;
}

interface FunctionCall {
  fn: FilterNode;
  params: FilterNode;
}

const SUPPORTED = ['In', 'NotIn'];

/** Translates a `Microsoft.Dynamics.CRM.In`/`NotIn` call; `column` resolves a property name. */
export function queryFunction(node: FilterNode, column: (name: string) => ColumnOperand): SqlFragment {
  const call = node.value as FunctionCall;
  const { name, namespace } = call.fn.value as { name: string; namespace?: string };
  if (namespace !== 'Microsoft.Dynamics.CRM' || !SUPPORTED.includes(name)) {
    throw badRequest(
      `The query function '${call.fn.raw}' is not supported by the emulator; use Microsoft.Dynamics.CRM.In or NotIn.`,
      ErrorCodes.ResourceNotFound,
    );
  }
  const args = new Map<string, FilterNode>();
  for (const param of (call.params.value as FilterNode[]) ?? []) {
    const { name: key, value } = param.value as { name: FilterNode; value: FilterNode };
    const argument = value.type === 'ParameterValue' && isNode(value.value) ? value.value : value;
    args.set(String((key.value as { name: string }).name), argument);
  }
  const property = args.get('PropertyName');
  const values = args.get('PropertyValues');
  if (property?.type !== 'Literal' || String(property.value) !== 'Edm.String' || values?.type !== 'Array') {
    throw badRequest(
      `${name} needs PropertyName='<column>' and PropertyValues=["value", ...] (got '${node.raw}').`,
      ErrorCodes.ResourceNotFound,
    );
  }
  const target = column(property.raw.slice(1, -1).replace(/''/g, "'"));
  const items = (values.value as { items: FilterNode[] }).items;
  if (items.length === 0)
    throw badRequest(`${name} needs at least one value in PropertyValues.`, ErrorCodes.ResourceNotFound);
  const text = target.column.type === 'string' || target.column.type === 'memo';
  const tests = items.map((item) => ({
    sql: target.sql,
    collate: text ? ' COLLATE NOCASE' : '',
    value: coerceJsonItem(target.column, item.raw, name),
  }));
  return membership(tests, name === 'NotIn');
}
