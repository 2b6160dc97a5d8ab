/**
 * Parsing `$filter` with @odata/parser and reading its syntax tree: node shapes, literals, and
 * a fix for the parser's `not` precedence.
 */
import { defaultParser } from '@odata/parser';
import { badRequest, ErrorCodes } from '../errors';
import { splitTopLevel, unwrapParens } from './filter-split';

/** A node of @odata/parser's syntax tree (the fields the emulator reads). */
export interface FilterNode {
  type: string;
  raw: string;
  value: unknown;
}

/** A decoded literal: its EDM type and JavaScript value. */
export interface FilterLiteral {
  edmType: string;
  value: string | number | boolean | null;
}

/**
 * A node the emulator adds: the operands of a top-level `or` (`OrList`) or `and` (`AndList`)
 * chain, parsed one by one (`value` is a `FilterNode[]`).
 */
export const OR_LIST = 'OrList';
/** See {@link OR_LIST}. */
export const AND_LIST = 'AndList';

/**
 * Parses a `$filter` expression; a syntax error becomes Dataverse's 400. Top-level `or`/`and`
 * chains are cut first and their operands parsed one by one (see filter-split.ts); should a piece
 * not parse on its own, the whole text goes to the parser as it is.
 */
export function parseFilter(text: string): FilterNode {
  try {
    return parsePieces(text);
  } catch {
    return parseWhole(text);
  }
}

function parsePieces(text: string): FilterNode {
  const ors = splitTopLevel(text, 'or');
  if (ors.length > 1) return { type: OR_LIST, raw: text, value: ors.map(parsePieces) };
  const ands = splitTopLevel(text, 'and');
  if (ands.length > 1) return { type: AND_LIST, raw: text, value: ands.map(parsePieces) };
  const inner = unwrapParens(text);
  if (inner !== undefined && inner.trim() !== '') return parsePieces(inner);
  return fixNot(defaultParser.filter(text.trim()) as unknown as FilterNode);
}

function parseWhole(text: string): FilterNode {
  try {
    return fixNot(defaultParser.filter(text) as unknown as FilterNode);
  } catch (error) {
    throw badRequest(
      `Syntax error in $filter '${text}': ${error instanceof Error ? error.message : String(error)}. Check the expression against the OData 4.0 grammar.`,
      ErrorCodes.ResourceNotFound,
    );
  }
}

/** Whether a value is a syntax tree node. */
export function isNode(value: unknown): value is FilterNode {
  return typeof value === 'object' && value !== null && typeof (value as FilterNode).type === 'string';
}

/** The `left`/`right` operands of a binary node. */
export function operands(node: FilterNode): { left: FilterNode; right: FilterNode } {
  return node.value as { left: FilterNode; right: FilterNode };
}

/** Decodes a Literal node. */
export function literalOf(node: FilterNode): FilterLiteral {
  const edmType = String(node.value);
  const raw = node.raw;
  if (edmType === 'null') return { edmType, value: null };
  if (edmType === 'Edm.String') return { edmType, value: raw.slice(1, -1).replace(/''/g, "'") };
  if (edmType === 'Edm.Boolean') return { edmType, value: raw.toLowerCase() === 'true' };
  if (edmType === 'Edm.Guid') return { edmType, value: raw.toLowerCase() };
  if (edmType === 'Edm.DateTimeOffset') {
    const time = Date.parse(raw);
    return {
      edmType,
      value: Number.isNaN(time) ? raw : new Date(time).toISOString().replace(/\.000Z$/, 'Z'),
    };
  }
  if (edmType === 'Edm.Date') return { edmType, value: raw };
  const number = Number(raw.replace(/[mMdDfFlL]$/, ''));
  if (Number.isNaN(number))
    throw badRequest(`Unsupported literal '${raw}' in $filter.`, ErrorCodes.ResourceNotFound);
  return { edmType, value: number };
}

/**
 * The parser reads `not A and B` as `not (A and B)`; OData gives `not` a higher precedence
 * than `and`/`or`, so push the `not` down onto the left-most operand.
 */
function fixNot(node: FilterNode): FilterNode {
  if (!isNode(node)) return node;
  if (
    node.type === 'NotExpression' &&
    isNode(node.value) &&
    (node.value.type === 'AndExpression' || node.value.type === 'OrExpression')
  ) {
    const inner = node.value;
    const { left, right } = operands(inner);
    const notLeft: FilterNode = { type: 'NotExpression', raw: `not ${left.raw}`, value: left };
    return fixNot({
      type: inner.type,
      raw: node.raw,
      value: { left: fixNot(notLeft), right: fixNot(right) },
    });
  }
  if (node.value && typeof node.value === 'object' && !Array.isArray(node.value) && !isNode(node.value)) {
    const fixed: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node.value as Record<string, unknown>))
      fixed[key] = isNode(child) ? fixNot(child) : child;
    return { ...node, value: fixed };
  }
  if (isNode(node.value)) return { ...node, value: fixNot(node.value) };
  return node;
}
