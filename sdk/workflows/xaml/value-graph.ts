/**
 * Following a value back through a step: each variable is filled by an EvaluateExpression
 * (CreateCrmType, SelectFirstNonNull, Add) or a GetEntityProperty earlier in the step. The graph
 * turns a variable into a {@link ValueExpr} tree and tells which activities feed a setter.
 */
import type { Element } from '@xmldom/xmldom';
import { isActivity, readEntityProperty, readEvaluateExpression } from './activities';
import { childElements, descendants } from './xml-document';
import { decodeLiteral, parseParameterArray, type EntityExpression, type VbToken } from './vb-expression';

/** A field read, and where the record comes from. */
export interface FieldRead {
  kind: 'field';
  entity?: EntityExpression;
  entityName: string;
  attribute: string;
  targetType: string | null | undefined;
}

/** What a variable holds, as a tree. */
export type ValueExpr =
  | { kind: 'literal'; type: string; value: string }
  | { kind: 'entityRef'; logicalName: string; name: string; id: ValueExpr }
  | { kind: 'partyList'; items: ValueExpr[] }
  | FieldRead
  | { kind: 'firstNonNull'; items: ValueExpr[] }
  | { kind: 'add'; items: ValueExpr[]; targetType: string | null | undefined }
  | { kind: 'empty' }
  /** A workflow variable filled by an earlier step, e.g. a custom activity's output. */
  | { kind: 'stepOutput'; variable: string }
  | { kind: 'unknown'; detail: string };

/** The designer's name suffix for a workflow-level variable that holds a step's output. */
const STEP_OUTPUT = /_localParameter$/;

const PROPERTY_TYPE_PREFIX = 'Microsoft.Xrm.Sdk.Workflow.WorkflowPropertyType.';

/** The variables and producers of one step (a Sequence). */
export class ValueGraph {
  private readonly order = new Map<Element, number>();
  private readonly producers = new Map<string, Element[]>();
  private readonly declared = new Set<string>();

  constructor(readonly scope: Element) {
    descendants(scope).forEach((element, index) => {
      this.order.set(element, index);
      const variable = producedVariable(element);
      if (variable) this.producers.set(variable, [...(this.producers.get(variable) ?? []), element]);
    });
    for (const child of childElements(scope)) {
      if (!(child.localName ?? '').endsWith('.Variables')) continue;
      for (const variable of childElements(child)) {
        if (isActivity(variable, 'Variable') && variable.getAttribute('Name'))
          this.declared.add(variable.getAttribute('Name')!);
      }
    }
  }

  /** Declared variable names of the step. */
  get variables(): ReadonlySet<string> {
    return this.declared;
  }

  /** The activity that last filled `variable` before `before`, if any. */
  producerOf(variable: string, before: Element): Element | undefined {
    const limit = this.order.get(before) ?? Number.MAX_SAFE_INTEGER;
    const candidates = (this.producers.get(variable) ?? []).filter((p) => (this.order.get(p) ?? 0) < limit);
    return candidates[candidates.length - 1];
  }

  /** What `variable` holds when `before` runs. */
  resolve(variable: string, before: Element, depth = 0): ValueExpr {
    if (depth > 50) return { kind: 'unknown', detail: `${variable} (too deeply nested)` };
    const producer = this.producerOf(variable, before);
    if (!producer) {
      if (this.declared.has(variable)) return { kind: 'empty' };
      return STEP_OUTPUT.test(variable)
        ? { kind: 'stepOutput', variable }
        : { kind: 'unknown', detail: variable };
    }
    const property = readEntityProperty(producer);
    if (property) {
      return {
        kind: 'field',
        entity: property.entity,
        entityName: property.entityName,
        attribute: property.attribute,
        targetType: property.targetType,
      };
    }
    const expression = readEvaluateExpression(producer)!;
    const tokens = expression.parameters ? parseParameterArray(expression.parameters) : [];
    const operand = (token: VbToken | undefined): ValueExpr => {
      if (!token) return { kind: 'empty' };
      if (token.kind === 'string')
        return { kind: 'literal', type: 'String', value: decodeLiteral(token.value) };
      return this.resolve(token.value, producer, depth + 1);
    };
    switch (expression.operator) {
      case 'CreateCrmType':
        return createCrmType(tokens, operand);
      case 'SelectFirstNonNull':
        return { kind: 'firstNonNull', items: tokens.map(operand) };
      case 'Add':
        return { kind: 'add', items: tokens.map(operand), targetType: expression.targetType };
      default:
        return { kind: 'unknown', detail: expression.operator };
    }
  }

  /**
   * The activities that feed `consumer` (transitively), in document order. Only activities whose
   * results are used by nothing outside this chain are returned, so removing them is safe.
   */
  exclusiveFeeders(consumer: Element): Element[] {
    const chain = new Set<Element>();
    const visit = (element: Element) => {
      for (const name of inputVariables(element)) {
        const producer = this.producerOf(name, element);
        if (producer && !chain.has(producer)) {
          chain.add(producer);
          visit(producer);
        }
      }
    };
    visit(consumer);
    const members = new Set<Element>([...chain, consumer]);
    const usedOutside = (element: Element) => {
      const variable = producedVariable(element)!;
      return [...this.order.keys()].some(
        (other) =>
          !members.has(other) &&
          inputVariables(other).includes(variable) &&
          this.producerOf(variable, other) === element,
      );
    };
    return [...chain]
      .filter((element) => !usedOutside(element))
      .sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }
}

function createCrmType(tokens: VbToken[], operand: (token: VbToken | undefined) => ValueExpr): ValueExpr {
  const type = tokens[0]?.kind === 'name' ? tokens[0].value.replace(PROPERTY_TYPE_PREFIX, '') : 'Unknown';
  const text = (token: VbToken | undefined) => (token?.kind === 'string' ? decodeLiteral(token.value) : '');
  switch (type) {
    case 'EntityReference':
      return {
        kind: 'entityRef',
        logicalName: text(tokens[1]),
        name: text(tokens[2]),
        id: operand(tokens[3]),
      };
    case 'PartyList':
      return { kind: 'partyList', items: tokens.slice(1).map(operand) };
    default:
      return { kind: 'literal', type, value: text(tokens[1]) };
  }
}

/** The variable an activity fills, if it is a producer. */
export function producedVariable(element: Element): string | undefined {
  const property = readEntityProperty(element);
  if (property) return element.localName === 'GetEntityProperty' ? property.variable : undefined;
  return readEvaluateExpression(element)?.result;
}

/** Variables an activity reads. */
export function inputVariables(element: Element): string[] {
  const property = readEntityProperty(element);
  if (property)
    return element.localName === 'SetEntityProperty' && property.variable ? [property.variable] : [];
  const expression = readEvaluateExpression(element);
  if (!expression?.parameters) return [];
  return parseParameterArray(expression.parameters)
    .filter((token) => token.kind === 'name')
    .map((token) => token.value);
}
