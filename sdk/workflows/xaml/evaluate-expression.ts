/** Running one EvaluateExpression activity (CreateCrmType, SelectFirstNonNull, Add, RetrieveCurrentTime). */
import type { EvaluateExpressionActivity } from './activities';
import { XamlError } from './errors';
import { addValues, isEmptyValue, toParties } from './runtime-values';
import { decodeLiteral, parseParameterArray, type VbToken } from './vb-expression';

const PROPERTY_TYPE_PREFIX = 'Microsoft.Xrm.Sdk.Workflow.WorkflowPropertyType.';

/** Computes an expression's result from the current variables. */
export function computeExpression(
  expression: EvaluateExpressionActivity,
  variables: ReadonlyMap<string, unknown>,
  now: () => Date,
): unknown {
  const tokens = expression.parameters ? parseParameterArray(expression.parameters) : [];
  const operand = (token: VbToken | undefined): unknown => {
    if (!token) return null;
    if (token.kind === 'string') return decodeLiteral(token.value);
    return variables.has(token.value) ? variables.get(token.value) : null;
  };
  switch (expression.operator) {
    case 'CreateCrmType':
      return createCrmType(tokens, operand);
    case 'SelectFirstNonNull':
      return tokens.map(operand).find((value) => !isEmptyValue(value)) ?? null;
    case 'Add':
      return addValues(tokens.map(operand), expression.targetType);
    case 'RetrieveCurrentTime':
      return now().toISOString();
    default:
      throw new XamlError(
        `The workflow uses the expression operator "${expression.operator}", which this interpreter does not run ` +
          '(supported: CreateCrmType, SelectFirstNonNull, Add, RetrieveCurrentTime).',
      );
  }
}

function createCrmType(tokens: VbToken[], operand: (token: VbToken | undefined) => unknown): unknown {
  const type = tokens[0]?.kind === 'name' ? tokens[0].value.replace(PROPERTY_TYPE_PREFIX, '') : '';
  const literal = operand(tokens[1]);
  switch (type) {
    case 'String':
    case 'Guid':
    case 'DateTime':
      return literal === null ? null : String(literal);
    case 'EntityReference': {
      const id = operand(tokens[3]);
      if (isEmptyValue(id)) return null;
      const name = operand(tokens[2]);
      return { logicalName: String(literal), id: String(id), ...(name ? { name: String(name) } : {}) };
    }
    case 'PartyList':
      return toParties(...tokens.slice(1).map(operand));
    case 'OptionSetValue':
    case 'Integer':
    case 'Decimal':
    case 'Float':
    case 'Double':
    case 'Money':
      return literal === null || literal === '' ? null : Number(literal);
    case 'Boolean':
      return /^(true|1)$/i.test(String(literal));
    default:
      throw new XamlError(
        `CreateCrmType of type "${type || String(tokens[0]?.value)}" is not supported by this interpreter.`,
      );
  }
}
