/**
 * Writing e-mail field values as the designer does: a literal is a CreateCrmType, a field is a
 * GetEntityProperty read through SelectFirstNonNull, text with fields is an Add of the parts (result
 * variable numbered first), a sender is Guid → EntityReference → PartyList. Produces compact markup
 * that the step editor imports and indents.
 */
import { InvitationTable } from '../../entities/adx-invitation';
import { ContactTable } from '../../entities/contact';
import { EmailTable, type EmailSenderTable } from '../../entities/email';
import { SystemColumns } from '../../entities/table';
import { escapeAttribute, escapeText } from './xml-document';
import { encodeLiteral, formatEntityExpression, formatParameterArray, type VbToken } from './vb-expression';
import type { FieldSource, TemplatePart } from './placeholders';

/** EvaluateExpression's AssemblyQualifiedName when the document has none to copy. */
export const DEFAULT_EVALUATE_EXPRESSION_AQN =
  'Microsoft.Crm.Workflow.Activities.EvaluateExpression, Microsoft.Crm.Workflow, Version=9.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35';

const TYPE = 'Microsoft.Xrm.Sdk.Workflow.WorkflowPropertyType.';
const ENTITY_COLLECTION = 'mxs:EntityCollection';
const ENTITY_REFERENCE = 'mxs:EntityReference';
const STRING = 'x:String';
/** Date columns are read untyped: a read typed x:String returns nothing for a date; Add formats it. */
const DATE_COLUMNS = new Set<string>([
  InvitationTable.columns.expiryDate,
  InvitationTable.columns.createdOn,
  ContactTable.columns.identityLockoutEndDate,
  SystemColumns.createdOn,
  SystemColumns.modifiedOn,
]);

/** A sender given by reference. */
export interface SenderReference {
  logicalName: EmailSenderTable;
  id: string;
  name?: string;
}

/** One `SetEntityProperty` of the e-mail: which attribute gets which variable. */
export interface EmailSetter {
  attribute: string;
  /** Key of the temporary e-mail in CreatedEntities. */
  tempKey: string;
  variable: string;
  /** The attribute's XAML type, e.g. `x:String`. */
  targetType: string;
}

/** One EvaluateExpression activity: `result = operator(parameters)` typed as `targetType`. */
interface Evaluation {
  operator: string;
  parameters: VbToken[];
  /** null for an untyped result. */
  targetType: string | null;
  result: string;
}

/** Builds the activities for one value and collects the variables they fill. */
export class ValueBuilder {
  readonly markup: string[] = [];

  constructor(
    private readonly allocate: () => string,
    private readonly evaluateAqn: string,
  ) {}

  /** Text with `{placeholders}` already parsed into parts; returns the variable holding it. */
  text(parts: TemplatePart[]): string {
    if (parts.length === 0) return this.allocate(); // declared, never assigned: the field is cleared
    if (parts.length === 1) return this.part(parts[0]);
    const result = this.allocate();
    const items = parts.map((part) => this.part(part));
    this.evaluate({ operator: 'Add', parameters: items.map(name), targetType: null, result });
    return result;
  }

  /** A party list read from a lookup of the primary record. */
  partyFromPrimary(lookupColumn: string): string {
    return this.field(
      { from: 'primary', entityName: InvitationTable.logicalName, attribute: lookupColumn },
      ENTITY_COLLECTION,
    );
  }

  /** A party list holding one fixed record. */
  staticParty(sender: SenderReference): string {
    const party = this.allocate();
    const reference = this.allocate();
    const guid = this.allocate();
    this.evaluate({
      operator: 'CreateCrmType',
      parameters: [name(`${TYPE}Guid`), str(sender.id), str('Key')],
      targetType: ENTITY_REFERENCE,
      result: guid,
    });
    this.evaluate({
      operator: 'CreateCrmType',
      parameters: [
        name(`${TYPE}EntityReference`),
        str(sender.logicalName),
        str(sender.name ?? ''),
        name(guid),
        str('Lookup'),
      ],
      targetType: ENTITY_REFERENCE,
      result: reference,
    });
    this.evaluate({
      operator: 'CreateCrmType',
      parameters: [name(`${TYPE}PartyList`), name(reference)],
      targetType: ENTITY_COLLECTION,
      result: party,
    });
    return party;
  }

  /** `SetEntityProperty` of the step's e-mail. */
  set({ attribute, tempKey, variable, targetType }: EmailSetter): void {
    const entity = formatEntityExpression({ dictionary: 'CreatedEntities', key: tempKey, id: false });
    this.markup.push(
      `<mxswa:SetEntityProperty Attribute="${escapeAttribute(attribute)}" Entity="${escapeAttribute(entity)}" EntityName="${EmailTable.logicalName}" Value="[${variable}]">` +
        `<mxswa:SetEntityProperty.TargetType><InArgument x:TypeArguments="s:Type">${typeLiteral(targetType)}</InArgument></mxswa:SetEntityProperty.TargetType>` +
        '</mxswa:SetEntityProperty>',
    );
  }

  private part(part: TemplatePart): string {
    if (part.kind === 'field')
      return this.field(part.field, DATE_COLUMNS.has(part.field.attribute) ? null : STRING);
    const variable = this.allocate();
    if (part.kind === 'output') {
      // An earlier step's output is read as the designer reads one: SelectFirstNonNull of its variable.
      this.evaluate({
        operator: 'SelectFirstNonNull',
        parameters: [name(part.variable)],
        targetType: STRING,
        result: variable,
      });
      return variable;
    }
    this.evaluate({
      operator: 'CreateCrmType',
      parameters: [name(`${TYPE}String`), str(part.text), str('String')],
      targetType: STRING,
      result: variable,
    });
    return variable;
  }

  private field(field: FieldSource, targetType: string | null): string {
    const selected = this.allocate();
    const read = this.allocate();
    const key = field.from === 'primary' ? 'primaryEntity' : `related_${field.lookup}#${field.entityName}`;
    const entity = formatEntityExpression({ dictionary: 'InputEntities', key, id: false });
    this.markup.push(
      `<mxswa:GetEntityProperty Attribute="${escapeAttribute(field.attribute)}" Entity="${escapeAttribute(entity)}" EntityName="${escapeAttribute(field.entityName)}" Value="[${read}]">` +
        `<mxswa:GetEntityProperty.TargetType><InArgument x:TypeArguments="s:Type">${typeLiteral(targetType)}</InArgument></mxswa:GetEntityProperty.TargetType>` +
        '</mxswa:GetEntityProperty>',
    );
    this.evaluate({ operator: 'SelectFirstNonNull', parameters: [name(read)], targetType, result: selected });
    return selected;
  }

  private evaluate({ operator, parameters, targetType, result }: Evaluation): void {
    this.markup.push(
      `<mxswa:ActivityReference AssemblyQualifiedName="${escapeAttribute(this.evaluateAqn)}" DisplayName="EvaluateExpression">` +
        '<mxswa:ActivityReference.Arguments>' +
        `<InArgument x:TypeArguments="x:String" x:Key="ExpressionOperator">${operator}</InArgument>` +
        `<InArgument x:TypeArguments="s:Object[]" x:Key="Parameters">${escapeText(formatParameterArray(parameters))}</InArgument>` +
        `<InArgument x:TypeArguments="s:Type" x:Key="TargetType">${typeLiteral(targetType)}</InArgument>` +
        `<OutArgument x:TypeArguments="x:Object" x:Key="Result">[${result}]</OutArgument>` +
        '</mxswa:ActivityReference.Arguments></mxswa:ActivityReference>',
    );
  }
}

function typeLiteral(targetType: string | null): string {
  return targetType === null
    ? '<mxswa:ReferenceLiteral x:TypeArguments="s:Type"><x:Null /></mxswa:ReferenceLiteral>'
    : `<mxswa:ReferenceLiteral x:TypeArguments="s:Type" Value="${targetType}" />`;
}

function name(value: string): VbToken {
  return { kind: 'name', value };
}

function str(value: string): VbToken {
  return { kind: 'string', value: encodeLiteral(value) };
}
