/**
 * Translates a parsed `$filter` into an SQL WHERE fragment with bound parameters: comparisons,
 * and/or/not (chains: filter-junction.ts), contains/startswith/endswith, Microsoft.Dynamics.CRM.In
 * and NotIn, null checks, `_x_value` lookups, single-valued navigation paths, and any/all over
 * N:N and 1:N navigations (as EXISTS subqueries).
 */
import { badRequest, ErrorCodes } from '../errors';
import { columnOf, isLookup, navigationOf, tableByLogicalName } from '../metadata';
import type { ColumnMeta, TableMeta } from '../metadata';
import { ident } from '../store/schema';
import { isNode, literalOf, operands, parseFilter } from './filter-ast';
import type { FilterLiteral, FilterNode } from './filter-ast';
import { queryFunction } from './filter-functions';
import { coerce, isText } from './filter-values';
import type { ColumnOperand } from './filter-functions';
import { isJunction, junction } from './filter-junction';
import type { Equality, SqlFragment } from './filter-junction';
import { collectionJoin } from './navigation-sql';

export type { SqlFragment } from './filter-junction';

interface Scope {
  table: TableMeta;
  alias: string;
  lambdas: Map<string, { table: TableMeta; alias: string }>;
}

interface Operand {
  sql: string;
  params: unknown[];
  column?: ColumnMeta;
  literal?: FilterLiteral;
}

const COMPARISONS: Record<string, string> = {
  EqualsExpression: '=',
  NotEqualsExpression: '<>',
  LesserThanExpression: '<',
  LesserOrEqualsExpression: '<=',
  GreaterThanExpression: '>',
  GreaterOrEqualsExpression: '>=',
};

let aliasCounter = 0;
const nextAlias = (): string => `t${++aliasCounter}`;

/** Translates `$filter` text for rows of `table` aliased as `alias`. */
export function filterToSql(text: string, table: TableMeta, alias: string): SqlFragment {
  return translate(parseFilter(text), { table, alias, lambdas: new Map() });
}

function translate(node: FilterNode, scope: Scope): SqlFragment {
  if (isJunction(node)) {
    return junction(node, {
      translate: (item) => translate(item, scope),
      equality: (item) => equality(item, scope),
    });
  }
  switch (node.type) {
    case 'NotExpression': {
      const inner = translate(node.value as FilterNode, scope);
      return { sql: `(NOT ${inner.sql})`, params: inner.params };
    }
    case 'BoolParenExpression':
    case 'ParenExpression':
    case 'CommonExpression':
      return translate(node.value as FilterNode, scope);
    case 'MethodCallExpression':
      return method(node, scope);
    case 'FunctionExpression':
      return queryFunction(node, (name) => columnByName(name, scope));
    case 'FirstMemberExpression':
    case 'MemberExpression':
    case 'PropertyPathExpression':
      return lambdaPath(node, scope);
    default:
      if (COMPARISONS[node.type]) return comparison(node, scope);
      throw badRequest(
        `The $filter expression '${node.raw}' is not supported by the emulator.`,
        ErrorCodes.ResourceNotFound,
      );
  }
}

/** A comparison of a plain column with a non-null literal, which a chain may fold into IN. */
function equality(node: FilterNode, scope: Scope): Equality | undefined {
  const { left, right } = operands(node);
  if ((left.type === 'Literal') === (right.type === 'Literal')) return undefined;
  const [member, literal] =
    left.type === 'Literal'
      ? [operand(right, scope), operand(left, scope)]
      : [operand(left, scope), operand(right, scope)];
  if (!literal.literal || !member.column || member.params.length > 0) return undefined;
  const value = coerce(member.column, literal.literal, node.raw);
  if (value === null) return undefined;
  return { node, sql: member.sql, collate: isText(member.column) ? ' COLLATE NOCASE' : '', value };
}

function comparison(node: FilterNode, scope: Scope): SqlFragment {
  const { left, right } = operands(node);
  const l = operand(left, scope);
  const r = operand(right, scope);
  if (l.literal && r.literal) throw literalsOnly(node);
  const [member, literal, flipped] = l.literal && !r.literal ? [r, l, true] : [l, r, false];
  let op = COMPARISONS[node.type];
  if (literal.literal) {
    const value = coerce(member.column, literal.literal, node.raw);
    if (value === null) {
      if (op !== '=' && op !== '<>')
        throw badRequest(`Cannot compare with null using '${node.raw}'.`, ErrorCodes.ResourceNotFound);
      return { sql: `(${member.sql} ${op === '=' ? 'IS NULL' : 'IS NOT NULL'})`, params: member.params };
    }
    if (flipped) op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
    const collate = isText(member.column) ? ' COLLATE NOCASE' : '';
    const sql =
      op === '<>'
        ? `(${member.sql} IS NULL OR ${member.sql} <> ?${collate})`
        : `(${member.sql} ${op} ?${collate})`;
    return {
      sql,
      params: op === '<>' ? [...member.params, ...member.params, value] : [...member.params, value],
    };
  }
  return { sql: `(${l.sql} ${op} ${r.sql})`, params: [...l.params, ...r.params] };
}

function method(node: FilterNode, scope: Scope): SqlFragment {
  const { method: name, parameters } = node.value as { method: string; parameters: FilterNode[] };
  if (!['contains', 'startswith', 'endswith'].includes(name) || parameters.length !== 2) {
    throw badRequest(
      `The function '${name}' is not supported in $filter by the emulator; use contains, startswith or endswith.`,
      ErrorCodes.ResourceNotFound,
    );
  }
  const member = operand(parameters[0], scope);
  if (member.literal) throw literalsOnly(node);
  const text = operand(parameters[1], scope).literal;
  if (!text || typeof text.value !== 'string')
    throw badRequest(`${name}() needs a string literal as its second argument.`, ErrorCodes.ResourceNotFound);
  const escaped = text.value.replace(/[\\%_]/g, (c) => `\\${c}`);
  const pattern =
    name === 'contains' ? `%${escaped}%` : name === 'startswith' ? `${escaped}%` : `%${escaped}`;
  return { sql: `(${member.sql} LIKE ? ESCAPE '\\')`, params: [...member.params, pattern] };
}

function operand(node: FilterNode, scope: Scope): Operand {
  if (node.type === 'Literal') return { sql: '?', params: [], literal: literalOf(node) };
  if (node.type === 'FirstMemberExpression' && Array.isArray(node.value)) {
    const [variable, member] = node.value as FilterNode[];
    const lambda = scope.lambdas.get(String((variable.value as { name: string }).name));
    if (!lambda) throw badRequest(`Unknown lambda variable in '${node.raw}'.`, ErrorCodes.ResourceNotFound);
    return member
      ? operand(member, { ...scope, ...lambda })
      : { sql: ident(lambda.table.primaryId), params: [] };
  }
  if (node.type === 'FirstMemberExpression' || node.type === 'MemberExpression')
    return operand(node.value as FilterNode, scope);
  if (node.type === 'PropertyPathExpression') return property(node, scope);
  throw badRequest(`Unsupported operand '${node.raw}' in $filter.`, ErrorCodes.ResourceNotFound);
}

function property(node: FilterNode, scope: Scope): Operand {
  const value = node.value as { name?: string; current?: FilterNode; next?: FilterNode };
  const name = isNode(node.value)
    ? String((node.value.value as { name: string }).name)
    : String((value.current?.value as { name: string }).name);
  if (!isNode(node.value) && value.next?.type === 'SingleNavigationExpression') {
    const nav = navigationOf(scope.table, name);
    if (nav?.kind !== 'lookup') throw unknownProperty(name, scope.table);
    const target = tableByLogicalName(nav.target) as TableMeta;
    const alias = nextAlias();
    const inner = operand(value.next.value as FilterNode, { ...scope, table: target, alias });
    return {
      sql: `(SELECT ${inner.sql} FROM ${ident(target.logicalName)} ${alias} WHERE ${alias}.${ident(target.primaryId)} = ${scope.alias}.${ident(nav.column.name)})`,
      params: inner.params,
      column: inner.column,
    };
  }
  return { ...columnByName(name, scope), params: [] };
}

function columnByName(name: string, scope: Scope): ColumnOperand {
  const lookupMatch = /^_(.+)_value$/.exec(name);
  const column = columnOf(scope.table, lookupMatch ? lookupMatch[1] : name);
  if (!column || (lookupMatch ? !isLookup(column) : isLookup(column)))
    throw unknownProperty(name, scope.table);
  return { sql: `${scope.alias}.${ident(column.name)}`, column };
}

function lambdaPath(node: FilterNode, scope: Scope): SqlFragment {
  let path: FilterNode = node;
  while (path.type !== 'PropertyPathExpression' && isNode(path.value)) path = path.value;
  const value = path.value as { current?: FilterNode; next?: FilterNode };
  const lambda =
    value.next?.type === 'CollectionPathExpression' ? (value.next.value as FilterNode) : undefined;
  if (!value.current || !lambda || (lambda.type !== 'AnyExpression' && lambda.type !== 'AllExpression')) {
    throw badRequest(
      `'${node.raw}' is not a condition; compare it with a value.`,
      ErrorCodes.ResourceNotFound,
    );
  }
  const name = String((value.current.value as { name: string }).name);
  const nav = navigationOf(scope.table, name);
  if (!nav || nav.kind === 'lookup') throw unknownProperty(name, scope.table);
  const alias = nextAlias();
  const join = collectionJoin(nav, scope.table, scope.alias, alias);
  const target = tableByLogicalName(nav.target) as TableMeta;
  const { variable, predicate } = (lambda.value ?? {}) as { variable?: FilterNode; predicate?: FilterNode };
  if (!predicate || !variable) return { sql: `EXISTS (SELECT 1 ${join})`, params: [] };
  const lambdas = new Map(scope.lambdas).set(String((variable.value as { name: string }).name), {
    table: target,
    alias,
  });
  const inner = translate(predicate.value as FilterNode, { ...scope, lambdas });
  return lambda.type === 'AnyExpression'
    ? { sql: `EXISTS (SELECT 1 ${join} AND ${inner.sql})`, params: inner.params }
    : { sql: `NOT EXISTS (SELECT 1 ${join} AND NOT ${inner.sql})`, params: inner.params };
}

/**
 * A comparison or function of literals only (`1 eq 1`, `'a' eq 'a'`, `null eq null`). Microsoft's
 * pages describe comparisons of a property with a value, or of two properties of the same row, and
 * say nothing of literals alone; the emulator refuses them as a malformed query (see
 * emulator/extensions/README.md).
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows
 */
function literalsOnly(node: FilterNode): Error {
  return badRequest(
    `The $filter expression '${node.raw}' compares literals only; compare a property with a value ` +
      `(e.g. "name eq 'Contoso'") or two properties of the same row.`,
    ErrorCodes.ResourceNotFound,
  );
}

function unknownProperty(name: string, table: TableMeta): Error {
  return badRequest(
    `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
    ErrorCodes.ResourceNotFound,
  );
}
