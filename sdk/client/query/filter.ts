/**
 * `$filter` from an object (`{ statecode: 0, name: "O'Brien" }`) or from expression text, every
 * value written by {@link literal}. Only what Dataverse's Web API supports is offered: comparisons,
 * `and` / `or` / `not`, `startswith` / `endswith` / `contains`, `any` / `all` over a collection and
 * paths through lookups. Dataverse has no OData `in` operator, so a list of values becomes `or`ed
 * equalities.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows
 */
import { InvalidArgumentError } from '../../errors';
import { literal, ODataLiteral, type ODataValue } from './literal';

/** Conditions on one column; several in one object are and-ed. */
export interface ColumnComparison {
  /** Equal (`eq`); `null` tests for an empty column. */
  eq?: ODataValue;
  /** Not equal (`ne`). */
  ne?: ODataValue;
  /** Greater than (`gt`). */
  gt?: ODataValue;
  /** Greater than or equal (`ge`). */
  ge?: ODataValue;
  /** Less than (`lt`). */
  lt?: ODataValue;
  /** Less than or equal (`le`). */
  le?: ODataValue;
  /** Equal to one of these values: `(col eq a or col eq b)`; an empty list is refused. */
  in?: readonly ODataValue[];
  /** `startswith(col,'…')`. */
  startswith?: string;
  /** `endswith(col,'…')`. */
  endswith?: string;
  /** `contains(col,'…')`. */
  contains?: string;
  /** Collection-valued navigation property: at least one related row matches (`nav/any(o:…)`). */
  any?: FilterObject;
  /** Collection-valued navigation property: every related row matches (`nav/all(o:…)`). */
  all?: FilterObject;
}

/** What a column (or navigation property) of a {@link FilterObject} is given. */
export type ColumnCondition = ODataValue | ColumnComparison | FilterObject;

/**
 * Columns and the conditions on them, and-ed: a value means `eq`, a {@link ColumnComparison}
 * holds operators, and a nested object follows a single-valued navigation property
 * (`{ parentcustomerid_account: { name: 'Contoso' } }` → `parentcustomerid_account/name eq 'Contoso'`).
 * A column given `undefined` is left out.
 */
export interface FilterObject {
  readonly [column: string]: ColumnCondition | undefined;
}

/** Every filter holds (`and`). */
export interface AllOfFilter {
  readonly and: readonly ODataFilter[];
}

/** At least one filter holds (`or`). */
export interface AnyOfFilter {
  readonly or: readonly ODataFilter[];
}

/** The filter does not hold (`not`). */
export interface NotFilter {
  readonly not: ODataFilter;
}

/**
 * A `$filter`: an object of column conditions, a combination of filters, or expression text. Text
 * is used as written: put values into it only through {@link literal} (`name eq ${literal(name)}`).
 */
export type ODataFilter = string | FilterObject | AllOfFilter | AnyOfFilter | NotFilter;

const COMPARISONS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
const FUNCTIONS = ['startswith', 'endswith', 'contains'] as const;
const OPERATORS = new Set<string>([...COMPARISONS, ...FUNCTIONS, 'in', 'any', 'all']);
// A column, navigation property or lambda path goes into the filter unquoted.
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Compiled text and whether it must be parenthesised to sit inside a larger expression. */
interface Compiled {
  text: string;
  /**
   * `atom`: one comparison, function call or lambda; `group`: already in parentheses; `and`: a bare
   * and-chain; `raw`: the caller's text, of unknown shape.
   */
  shape: 'atom' | 'group' | 'and' | 'raw';
}

/** The `$filter` text of a filter (not URL-encoded); InvalidArgumentError for what has no filter. */
export function filterText(filter: ODataFilter): string {
  return compile(filter, '', 0).text;
}

function compile(filter: ODataFilter, prefix: string, depth: number): Compiled {
  if (typeof filter === 'string') {
    if (filter.trim() === '')
      throw invalid('filter', 'A filter text is empty; leave the filter out instead.');
    return { text: filter, shape: 'raw' };
  }
  if (!isPlainObject(filter)) throw invalid('filter', 'A filter is an object of column conditions or text.');
  const parts: Compiled[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'and' || key === 'or') parts.push(junction(key, value, prefix, depth));
    else if (key === 'not') parts.push(negation(compile(value as ODataFilter, prefix, depth)));
    else parts.push(...column(path(prefix, key), value as ColumnCondition, depth));
  }
  if (parts.length === 0)
    throw invalid('filter', 'A filter object names no column; leave the filter out instead.');
  return join(parts, 'and');
}

function junction(op: 'and' | 'or', value: unknown, prefix: string, depth: number): Compiled {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(
      op,
      `"${op}" takes a non-empty list of filters, e.g. { ${op}: [{ statecode: 0 }, { statecode: 1 }] }.`,
    );
  }
  return join(
    (value as ODataFilter[]).map((item) => compile(item, prefix, depth)),
    op,
  );
}

/** The conditions on one column (or the filter behind a navigation property). */
function column(name: string, condition: ColumnCondition, depth: number): Compiled[] {
  if (Array.isArray(condition)) {
    throw invalid(
      name,
      `${name} is given a list; write { ${name}: { in: [...] } } for "one of these values".`,
    );
  }
  if (!isPlainObject(condition))
    return [{ text: `${name} eq ${literal(condition as ODataValue, name)}`, shape: 'atom' }];
  const keys = Object.keys(condition).filter(
    (key) => (condition as Record<string, unknown>)[key] !== undefined,
  );
  const operators = keys.filter((key) => OPERATORS.has(key));
  if (isOdataQueryValue(condition)) {
    throw invalid(
      name,
      `The value of ${name} is an odata-query value object; write guid(id) or odataLiteral(text).`,
    );
  }
  if (operators.length === 0) return [compile(condition as FilterObject, name, depth)];
  if (operators.length !== keys.length) {
    throw invalid(
      name,
      `The conditions on ${name} mix operators with column names (${keys.join(', ')}); nest them as { and: [...] }.`,
    );
  }
  const comparison = condition as ColumnComparison;
  return operators.map((op) => operator(name, op, comparison, depth));
}

function operator(name: string, op: string, comparison: ColumnComparison, depth: number): Compiled {
  if (op === 'in') return inList(name, comparison.in);
  if (op === 'any' || op === 'all') return lambda(name, op, comparison[op], depth);
  if ((FUNCTIONS as readonly string[]).includes(op)) {
    const value = comparison[op as (typeof FUNCTIONS)[number]];
    if (typeof value !== 'string') throw invalid(name, `${op} on ${name} takes a string.`);
    return { text: `${op}(${name},${literal(value, name)})`, shape: 'atom' };
  }
  const value = comparison[op as (typeof COMPARISONS)[number]] as ODataValue;
  return { text: `${name} ${op} ${literal(value, name)}`, shape: 'atom' };
}

function inList(name: string, values: readonly ODataValue[] | undefined): Compiled {
  if (!Array.isArray(values) || values.length === 0) {
    throw invalid(
      name,
      `"in" on ${name} needs at least one value; with none, nothing can match, so skip the query.`,
    );
  }
  const terms = values.map((value) => ({
    text: `${name} eq ${literal(value, name)}`,
    shape: 'atom' as const,
  }));
  return join(terms, 'or');
}

function lambda(name: string, op: 'any' | 'all', inner: FilterObject | undefined, depth: number): Compiled {
  if (!isPlainObject(inner)) {
    throw invalid(
      name,
      `${op} on ${name} takes a filter object on the related rows, e.g. { ${op}: { statecode: 0 } }.`,
    );
  }
  const variable = depth === 0 ? 'o' : `o${depth}`;
  return { text: `${name}/${op}(${variable}:${compile(inner, variable, depth + 1).text})`, shape: 'atom' };
}

// `and` binds tighter than `or`, so only text of unknown shape needs parentheses inside an and-chain.
function join(parts: Compiled[], op: 'and' | 'or'): Compiled {
  if (parts.length === 1) return parts[0];
  if (op === 'and') {
    return {
      text: parts.map((p) => (p.shape === 'raw' ? `(${p.text})` : p.text)).join(' and '),
      shape: 'and',
    };
  }
  const terms = parts.map((p) => (p.shape === 'atom' || p.shape === 'group' ? p.text : `(${p.text})`));
  return { text: `(${terms.join(' or ')})`, shape: 'group' };
}

// OData's `not` binds tighter than `eq`: `not a eq 1` would mean `(not a) eq 1`.
function negation(inner: Compiled): Compiled {
  return { text: `not ${inner.shape === 'group' ? inner.text : `(${inner.text})`}`, shape: 'atom' };
}

function path(prefix: string, key: string): string {
  if (!NAME.test(key)) {
    throw invalid(
      key,
      `"${key}" is not a column or navigation property name; filter values go in the value, not the key.`,
    );
  }
  return prefix ? `${prefix}/${key}` : key;
}

// odata-query's `guid(x)`, `raw(x)`, … objects; here they would read as a path `col/type eq 'guid'`.
function isOdataQueryValue(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return (
    keys.length === 2 &&
    typeof value.type === 'string' &&
    'value' in value &&
    ODATA_QUERY_TYPES.has(value.type)
  );
}

const ODATA_QUERY_TYPES = new Set(['guid', 'raw', 'duration', 'binary', 'json', 'alias', 'decimal']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || value instanceof ODataLiteral || value instanceof Date) {
    return false;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function invalid(argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError(argument, message);
}
