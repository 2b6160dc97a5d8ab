/**
 * Running, for the emulator's interpreter, the two activities a custom workflow activity step is
 * made of besides reads and expressions: ConvertCrmXrmTypes, which types a value for the custom
 * activity's argument, and the one custom activity the interpreter knows, Encode Invitation Code.
 */
import type { Element } from '@xmldom/xmldom';
import { argumentsOf, targetTypeOf } from './activities';
import type { EncodedCodeStep } from './encoded-code';
import { convertTo, isEmptyValue } from './runtime-values';
import { parseVariableReference } from './vb-expression';

/** AssemblyQualifiedName (without the assembly) of the conversion activity. */
export const CONVERT_CRM_XRM_TYPES = 'Microsoft.Crm.Workflow.Activities.ConvertCrmXrmTypes';

/** ConvertCrmXrmTypes: `Result` ← `Value` converted to `TargetType` (in the canonical shape: the same value). */
export function convertArgument(element: Element, variables: Map<string, unknown>): void {
  const args = argumentsOf(element);
  const result = parseVariableReference(args.get('Result')?.textContent);
  const source = parseVariableReference(args.get('Value')?.textContent);
  const value = source ? (variables.get(source) ?? null) : null;
  const target = args.get('TargetType');
  if (result) variables.set(result, convertTo(target ? targetTypeOf(target) : undefined, value));
}

/**
 * Encode Invitation Code, whose implementation is not public: the code percent-encoded, which is
 * what a query string needs of it (an empty code stays empty).
 */
export function encodeCode(step: EncodedCodeStep, variables: Map<string, unknown>): void {
  const code = step.input ? variables.get(step.input) : null;
  variables.set(step.variable, isEmptyValue(code) ? null : encodeURIComponent(String(code)));
}
