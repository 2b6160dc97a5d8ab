/**
 * Recognising and reading the workflow activities the e-mail step is made of: EvaluateExpression
 * (inside `mxswa:ActivityReference`), `mxswa:GetEntityProperty`, `mxswa:SetEntityProperty`, and the
 * `TargetType` literal they all carry.
 */
import type { Element } from '@xmldom/xmldom';
import { childElements } from './xml-document';
import { parseEntityExpression, parseVariableReference, type EntityExpression } from './vb-expression';

/** Namespace of workflow XAML's built-in activities (Sequence, Assign, Variable...). */
export const ACTIVITIES_NS = 'http://schemas.microsoft.com/netfx/2009/xaml/activities';
/** Namespace of `x:Key`, `x:Null`, `x:TypeArguments`. */
export const XAML_NS = 'http://schemas.microsoft.com/winfx/2006/xaml';
/** Prefix of the Dataverse workflow activities namespace (its assembly version varies). */
export const XRM_ACTIVITIES_NS_PREFIX = 'clr-namespace:Microsoft.Xrm.Sdk.Workflow.Activities';
/** AssemblyQualifiedName prefix of EvaluateExpression. */
export const EVALUATE_EXPRESSION = 'Microsoft.Crm.Workflow.Activities.EvaluateExpression';

/** True for `mxswa:<localName>` whatever the prefix. */
export function isXrm(element: Element, localName: string): boolean {
  return element.localName === localName && (element.namespaceURI ?? '').startsWith(XRM_ACTIVITIES_NS_PREFIX);
}

/** True for a built-in activity element such as `Sequence` or `Assign`. */
export function isActivity(element: Element, localName: string): boolean {
  return element.localName === localName && element.namespaceURI === ACTIVITIES_NS;
}

/**
 * The TargetType an element declares: the ReferenceLiteral's `Value` (e.g. `x:String`), `null`
 * for `<x:Null />`, undefined when there is none.
 */
export function targetTypeOf(container: Element): string | null | undefined {
  const literal = findDescendant(container, (e) => isXrm(e, 'ReferenceLiteral'));
  if (!literal) return undefined;
  if (literal.hasAttribute('Value')) return literal.getAttribute('Value');
  return null;
}

function findDescendant(element: Element, predicate: (e: Element) => boolean): Element | undefined {
  for (const child of childElements(element)) {
    if (predicate(child)) return child;
    const found = findDescendant(child, predicate);
    if (found) return found;
  }
  return undefined;
}

/** An EvaluateExpression activity, read. */
export interface EvaluateExpressionActivity {
  operator: string;
  /** The `Parameters` VB text (`[New Object() {...}]`), or undefined for `<x:Null x:Key="Parameters" />`. */
  parameters?: string;
  targetType: string | null | undefined;
  /** Variable receiving the result. */
  result?: string;
}

/** Reads an `mxswa:ActivityReference` to EvaluateExpression; undefined for any other element. */
export function readEvaluateExpression(element: Element): EvaluateExpressionActivity | undefined {
  if (!isXrm(element, 'ActivityReference')) return undefined;
  if (!(element.getAttribute('AssemblyQualifiedName') ?? '').startsWith(EVALUATE_EXPRESSION))
    return undefined;
  const args = argumentsOf(element);
  return {
    operator: (args.get('ExpressionOperator')?.textContent ?? '').trim(),
    parameters:
      args.get('Parameters')?.localName === 'InArgument'
        ? (args.get('Parameters')?.textContent ?? '')
        : undefined,
    targetType: args.get('TargetType') ? targetTypeOf(args.get('TargetType')!) : undefined,
    result: parseVariableReference(args.get('Result')?.textContent),
  };
}

/** The `x:Key`ed children of an ActivityReference's `.Arguments`. */
export function argumentsOf(element: Element): Map<string, Element> {
  const out = new Map<string, Element>();
  for (const child of childElements(element)) {
    if (!(child.localName ?? '').endsWith('.Arguments')) continue;
    for (const argument of childElements(child)) {
      const key = argument.getAttributeNS(XAML_NS, 'Key') || argument.getAttribute('x:Key');
      if (key) out.set(key, argument);
    }
  }
  return out;
}

/** A GetEntityProperty or SetEntityProperty, read. */
export interface EntityPropertyActivity {
  attribute: string;
  /** The Entity attribute as written, e.g. `[InputEntities("primaryEntity")]`. */
  entityText: string;
  entity?: EntityExpression;
  entityName: string;
  /** The variable read into (Get) or written from (Set). */
  variable?: string;
  targetType: string | null | undefined;
}

/** Reads `mxswa:GetEntityProperty` / `mxswa:SetEntityProperty`; undefined for other elements. */
export function readEntityProperty(element: Element): EntityPropertyActivity | undefined {
  if (!isXrm(element, 'GetEntityProperty') && !isXrm(element, 'SetEntityProperty')) return undefined;
  const entityText = element.getAttribute('Entity') ?? '';
  return {
    attribute: element.getAttribute('Attribute') ?? '',
    entityText,
    entity: parseEntityExpression(entityText),
    entityName: element.getAttribute('EntityName') ?? '',
    variable: parseVariableReference(element.getAttribute('Value')),
    targetType: targetTypeOf(element),
  };
}

/** The step id in a DisplayName such as `CreateStep1: Create the e-mail`. */
export function stepIdOf(displayName: string | null | undefined): string | undefined {
  const id = (displayName ?? '').split(':')[0].trim();
  return id || undefined;
}
