/**
 * The "Encode Invitation Code" step of a Send Invitation definition: a custom workflow activity that
 * reads the invitation's code and outputs it encoded for a link. Microsoft's portal docs give the
 * stock e-mail's link as `https://yourportalurl/register/?returnurl=%2f&invitation={Encoded
 * Invitation Code(Encode Invitation Code)}`: the designer's notation for the output "Encoded
 * Invitation Code" of the step "Encode Invitation Code". No stock XAML is public; the step is
 * recognised by what the designer writes for any custom activity step: a Composite whose activities
 * read the code and run the activity, whose string OutArgument fills a workflow-level variable
 * (`<step><output>_localParameter`) that later steps read with SelectFirstNonNull.
 */
import type { Element } from '@xmldom/xmldom';
import { InvitationTable } from '../../entities/adx-invitation';
import { argumentsOf, isXrm, readEntityProperty, stepIdOf } from './activities';
import { descendants, type XamlDocument } from './xml-document';
import { parseVariableReference } from './vb-expression';

/** The readable placeholder (without braces) for the step's output in a template or a view. */
export const ENCODED_CODE = 'encodedCode';

/** AssemblyQualifiedName prefix of the platform's own activities (EvaluateExpression, Composite...). */
const PLATFORM_ACTIVITIES = 'Microsoft.Crm.Workflow.Activities.';
const COMPOSITE = `${PLATFORM_ACTIVITIES}Composite`;
const STRING = 'x:String';
const ENCODE = /encod/i;

/** Where a definition's encoded invitation code comes from. */
export interface EncodedCodeStep {
  /** Workflow variable holding the output, e.g. `CustomActivityStep1EncodedInvitationCode_localParameter`. */
  variable: string;
  /** Step id, e.g. `CustomActivityStep1`. */
  stepName: string;
  /** The step's description in the designer, e.g. `Encode Invitation Code`. */
  description: string;
  /** The activity's output argument (`x:Key`), e.g. `EncodedInvitationCode`. */
  output: string;
  /** The activity's type name, without the assembly. */
  activity: string;
  /** The variable the activity's code input is read from. */
  input?: string;
  /** The activity element itself. */
  element: Element;
}

/** The variable an argument reads: `[Name]` or `[DirectCast(Name, System.String)]`. */
export function argumentVariable(text: string | null | undefined): string | undefined {
  const cast = /^\s*\[\s*DirectCast\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,[^)]*\)\s*\]\s*$/.exec(text ?? '');
  return cast ? cast[1] : parseVariableReference(text);
}

function isCustomActivity(element: Element): boolean {
  const aqn = element.getAttribute('AssemblyQualifiedName') ?? '';
  return isXrm(element, 'ActivityReference') && aqn !== '' && !aqn.startsWith(PLATFORM_ACTIVITIES);
}

/** The Composite the designer wraps a custom activity in (else its parent). */
function scopeOf(element: Element): Element | undefined {
  for (let node = element.parentNode; node; node = node.parentNode) {
    const parent = node as Element;
    if (parent.nodeType !== 1) continue;
    if ((parent.getAttribute('AssemblyQualifiedName') ?? '').startsWith(COMPOSITE)) return parent;
  }
  return element.parentNode?.nodeType === 1 ? (element.parentNode as Element) : undefined;
}

function readsInvitationCode(scope: Element): boolean {
  return descendants(scope).some((e) => {
    const property = isXrm(e, 'GetEntityProperty') ? readEntityProperty(e) : undefined;
    return (
      property?.attribute === InvitationTable.columns.code &&
      property.entityName === InvitationTable.logicalName &&
      property.entity?.dictionary === 'InputEntities' &&
      property.entity.key === 'primaryEntity'
    );
  });
}

function readStep(element: Element): EncodedCodeStep | undefined {
  const scope = scopeOf(element);
  if (!scope || !readsInvitationCode(scope)) return undefined;
  const displayName = element.getAttribute('DisplayName') ?? '';
  const stepName = stepIdOf(displayName) ?? '';
  const description = displayName.includes(':') ? displayName.slice(displayName.indexOf(':') + 1).trim() : '';
  const outputs: { key: string; variable: string }[] = [];
  let input: string | undefined;
  for (const [key, argument] of argumentsOf(element)) {
    if (argument.localName === 'InArgument') input ??= argumentVariable(argument.textContent);
    const variable = parseVariableReference(argument.textContent);
    const typed = argument.getAttribute('x:TypeArguments') === STRING;
    if (argument.localName === 'OutArgument' && typed && variable) outputs.push({ key, variable });
  }
  // Only an activity that says it encodes: another custom step may read the code for other ends.
  const named = outputs.filter((o) => ENCODE.test(o.key));
  const chosen = named[0] ?? (ENCODE.test(description) && outputs.length === 1 ? outputs[0] : undefined);
  if (!chosen) return undefined;
  const activity = (element.getAttribute('AssemblyQualifiedName') ?? '').split(',')[0].trim();
  return { variable: chosen.variable, stepName, description, output: chosen.key, activity, input, element };
}

/**
 * The first Encode Invitation Code step of the definition, in document order; when `before` is
 * given, only one that runs before it (its output is empty until the step has run).
 */
export function findEncodedCodeStep(document: XamlDocument, before?: Element): EncodedCodeStep | undefined {
  const order = descendants(document.root);
  const limit = before ? order.indexOf(before) : order.length;
  for (const element of order.slice(0, limit < 0 ? order.length : limit)) {
    if (!isCustomActivity(element)) continue;
    const step = readStep(element);
    if (step) return step;
  }
  return undefined;
}
