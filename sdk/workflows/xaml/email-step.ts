/**
 * Finding the e-mail step of a workflow: a `Sequence` that assigns `New Entity("email")` to a
 * CreatedEntities slot and ends with `mxswa:CreateEntity` (Create Email) or `mxswa:SendEmail`
 * (Send Email) on that same slot.
 */
import type { Element } from '@xmldom/xmldom';
import { EmailTable } from '../../entities/email';
import { isActivity, isXrm, readEntityProperty, stepIdOf } from './activities';
import { XamlError } from './errors';
import { childElements, descendants, type XamlDocument } from './xml-document';
import { parseEntityExpression, parseNewEntity } from './vb-expression';

/** The e-mail step's key nodes. */
export interface EmailStep {
  sequence: Element;
  /** Step id, e.g. `SendEmailStep1`. */
  stepName: string;
  kind: 'CreateEntity' | 'SendEmail';
  /** The CreateEntity / SendEmail element. */
  closing: Element;
  /** Key of the temporary e-mail in CreatedEntities, e.g. `SendEmailStep1_localParameter#Temp`. */
  tempKey: string;
}

/** Logical name of the e-mail table, as the XAML writes it. */
export const EMAIL_ENTITY = EmailTable.logicalName;

/** The first e-mail step in document order; throws XamlError when there is none. */
export function locateEmailStep(document: XamlDocument): EmailStep {
  const workflow = descendants(document.root).find((e) => isXrm(e, 'Workflow'));
  if (!workflow) {
    throw new XamlError(
      'The XAML has no <mxswa:Workflow> element; it is not a classic Dataverse workflow definition.',
    );
  }
  for (const sequence of descendants(workflow).filter((e) => isActivity(e, 'Sequence'))) {
    const step = emailStepIn(sequence);
    if (step) return step;
  }
  throw new XamlError(
    `The workflow has no e-mail step: no Sequence creates an "${EMAIL_ENTITY}" (Assign New Entity("${EMAIL_ENTITY}")) and ends with CreateEntity or SendEmail. ` +
      'Add a "Create Record: Email" or "Send Email" step in the designer, then patch again.',
  );
}

function emailStepIn(sequence: Element): EmailStep | undefined {
  const children = childElements(sequence);
  for (const assign of children.filter((e) => isActivity(e, 'Assign'))) {
    if (parseNewEntity(assign.getAttribute('Value')) !== EMAIL_ENTITY) continue;
    const temp = parseEntityExpression(assign.getAttribute('To'));
    if (!temp || temp.dictionary !== 'CreatedEntities' || temp.id) continue;
    const closing = children.find((e) => {
      if (!isXrm(e, 'CreateEntity') && !isXrm(e, 'SendEmail')) return false;
      const target = parseEntityExpression(e.getAttribute('Entity'));
      return target?.dictionary === 'CreatedEntities' && target.key === temp.key;
    });
    if (!closing) continue;
    const stepName =
      stepIdOf(sequence.getAttribute('DisplayName')) ??
      stepIdOf(closing.getAttribute('DisplayName')) ??
      temp.key.replace(/_localParameter#Temp$/, '');
    return {
      sequence,
      stepName,
      kind: isXrm(closing, 'SendEmail') ? 'SendEmail' : 'CreateEntity',
      closing,
      tempKey: temp.key,
    };
  }
  return undefined;
}

/** The SetEntityProperty elements that write `attribute` of the step's e-mail, in order. */
export function settersOf(step: EmailStep, attribute: string): Element[] {
  return childElements(step.sequence).filter((e) => {
    const property = readEntityProperty(e);
    return (
      isXrm(e, 'SetEntityProperty') &&
      property?.attribute === attribute &&
      property.entity?.dictionary === 'CreatedEntities' &&
      property.entity.key === step.tempKey
    );
  });
}

/** The logical name of the workflow's primary table, as its reads of InputEntities("primaryEntity") say. */
export function primaryEntityOf(document: XamlDocument): string | undefined {
  for (const element of descendants(document.root)) {
    if (
      !isXrm(element, 'GetEntityProperty') &&
      !isXrm(element, 'SetState') &&
      !isXrm(element, 'UpdateEntity')
    )
      continue;
    const entity = parseEntityExpression(element.getAttribute('Entity'));
    if (entity?.dictionary === 'InputEntities' && entity.key === 'primaryEntity') {
      const name = element.getAttribute('EntityName');
      if (name) return name;
    }
  }
  return undefined;
}
