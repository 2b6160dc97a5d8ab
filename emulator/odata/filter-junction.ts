/**
 * `and`/`or` chains in SQL: the operands of a chain are collected however it is nested (without
 * recursion: a chain can be thousands long), `eq` tests of one column in an `or` chain become one
 * `IN`, `ne` tests of one column in an `and` chain one `NOT IN`, and the rest is joined as a
 * balanced tree, so SQLite's expression depth grows with the logarithm of the term count.
 */
import { AND_LIST, isNode, operands, OR_LIST } from './filter-ast';
import type { FilterNode } from './filter-ast';

/** An SQL fragment and its parameters in order. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** A `column eq value` (or `ne`) test on a plain column, which can join an IN list. */
export interface Equality {
  node: FilterNode;
  /** The column's SQL (tests of the same column share it). */
  sql: string;
  /** ` COLLATE NOCASE` for text columns, else empty. */
  collate: string;
  /** The coerced, non-null value. */
  value: unknown;
}

/** What a chain needs from the translator. */
export interface JunctionHelpers {
  translate(node: FilterNode): SqlFragment;
  /** The node as an {@link Equality}, or undefined when it is anything else. */
  equality(node: FilterNode): Equality | undefined;
}

const WRAPPERS = new Set(['BoolParenExpression', 'ParenExpression', 'CommonExpression']);

/** Whether a node is an `and` or `or` chain. */
export function isJunction(node: FilterNode): boolean {
  return (
    node.type === 'AndExpression' ||
    node.type === 'OrExpression' ||
    node.type === AND_LIST ||
    node.type === OR_LIST
  );
}

/** Translates an `and`/`or` chain. */
export function junction(node: FilterNode, helpers: JunctionHelpers): SqlFragment {
  const and = node.type === 'AndExpression' || node.type === AND_LIST;
  const groupable = and ? 'NotEqualsExpression' : 'EqualsExpression';
  const groups = new Map<string, Equality[]>();
  const slots: Array<SqlFragment | Equality[]> = [];
  for (const item of chainOperands(node, and)) {
    const test = item.type === groupable ? helpers.equality(item) : undefined;
    if (!test) {
      slots.push(helpers.translate(item));
      continue;
    }
    const group = groups.get(test.sql);
    if (group) group.push(test);
    else {
      groups.set(test.sql, [test]);
      slots.push(groups.get(test.sql) as Equality[]);
    }
  }
  const parts = slots.map((slot) =>
    Array.isArray(slot)
      ? slot.length === 1
        ? helpers.translate(slot[0].node)
        : membership(slot, and)
      : slot,
  );
  return balanced(parts, and ? 'AND' : 'OR');
}

/**
 * `column IN (values)` (or, negated, `NOT IN` that also matches an empty column, as `ne` does).
 * The values travel as one JSON array parameter, so no list outgrows SQLite's variable limit
 * and the statement text stays the same whatever the number of values.
 */
export function membership(
  tests: Array<Pick<Equality, 'sql' | 'collate' | 'value'>>,
  negate: boolean,
): SqlFragment {
  const { sql, collate } = tests[0];
  const list = `(SELECT value FROM json_each(?))`;
  const params = [JSON.stringify(tests.map((t) => t.value))];
  return negate
    ? { sql: `(${sql} IS NULL OR ${sql}${collate} NOT IN ${list})`, params }
    : { sql: `(${sql}${collate} IN ${list})`, params };
}

function chainOperands(node: FilterNode, and: boolean): FilterNode[] {
  const binary = and ? 'AndExpression' : 'OrExpression';
  const list = and ? AND_LIST : OR_LIST;
  const found: FilterNode[] = [];
  const stack: FilterNode[] = [node];
  while (stack.length > 0) {
    let current = stack.pop() as FilterNode;
    while (WRAPPERS.has(current.type) && isNode(current.value)) current = current.value;
    if (current.type === binary) {
      const { left, right } = operands(current);
      stack.push(right, left);
    } else if (current.type === list) {
      const items = current.value as FilterNode[];
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    } else {
      found.push(current);
    }
  }
  return found;
}

function balanced(parts: SqlFragment[], op: 'AND' | 'OR'): SqlFragment {
  if (parts.length === 1) return parts[0];
  const middle = parts.length >> 1;
  const left = balanced(parts.slice(0, middle), op);
  const right = balanced(parts.slice(middle), op);
  return { sql: `(${left.sql} ${op} ${right.sql})`, params: [...left.params, ...right.params] };
}
