/**
 * The readable placeholders of an e-mail template and the field reads they stand for, both ways:
 * `{code}` ⇄ the invitation's adx_invitationcode, `{contact.fullname}` ⇄ the invited contact's
 * fullname, and so on. Reading renders field reads as placeholders; patching parses them back.
 */
import { ContactTable } from '../../entities/contact';
import { InvitationTable } from '../../entities/adx-invitation';
import { ENCODED_CODE } from './encoded-code';
import { XamlError } from './errors';

/** Where a placeholder's value is read from. */
export interface FieldSource {
  /** `primary`, or `related` through a lookup of the primary record. */
  from: 'primary' | 'related';
  /** For `related`: the lookup column on the primary record. */
  lookup?: string;
  /** Logical name of the table read. */
  entityName: string;
  attribute: string;
}

/** One piece of a template: literal text, a field read, or the output of an earlier step. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'field'; field: FieldSource }
  /** `name` is the placeholder (e.g. `encodedCode`), `variable` the workflow variable it reads. */
  | { kind: 'output'; name: string; variable: string };

const INVITATION = InvitationTable.logicalName;
const INVITE_CONTACT = InvitationTable.lookups.inviteContact;
const SHORT_NAMES: Record<string, string> = {
  code: InvitationTable.columns.code,
  expiry: InvitationTable.columns.expiryDate,
};
const INVITATION_ALIASES: Record<string, string> = { name: InvitationTable.columns.name };

/** Placeholders the patcher understands, for error messages. */
export const SUPPORTED_PLACEHOLDERS =
  '{code}, {encodedCode} (the code as the definition\'s Encode Invitation Code step outputs it), {expiry}, {redeemUrl} (the registration URL; a link in HTML text, the bare URL in an attribute such as href="{redeemUrl}"), {redeemLink} (always a link), {invitation.name}, {invitation.<column>}, {contact.fullname}, {contact.<column>}, {<invitation lookup>.<column>}';

/** The placeholder text (without braces) for a field read. */
export function placeholderFor(field: FieldSource): string {
  if (field.from === 'primary') {
    if (field.entityName !== INVITATION) return `${field.entityName}.${field.attribute}`;
    const short = Object.keys(SHORT_NAMES).find((key) => SHORT_NAMES[key] === field.attribute);
    if (short) return short;
    const alias = Object.keys(INVITATION_ALIASES).find((key) => INVITATION_ALIASES[key] === field.attribute);
    return `invitation.${alias ?? field.attribute}`;
  }
  if (field.lookup === INVITE_CONTACT.column && field.entityName === ContactTable.logicalName) {
    return `contact.${field.attribute}`;
  }
  return `${field.lookup ?? field.entityName}.${field.attribute}`;
}

/** The field a placeholder (without braces) stands for; throws XamlError for an unknown one. */
export function fieldFor(placeholder: string): FieldSource {
  if (SHORT_NAMES[placeholder])
    return { from: 'primary', entityName: INVITATION, attribute: SHORT_NAMES[placeholder] };
  const [scope, attribute, extra] = placeholder.split('.');
  if (attribute && !extra && /^[a-z0-9_]+$/i.test(attribute)) {
    if (scope === 'invitation') {
      return {
        from: 'primary',
        entityName: INVITATION,
        attribute: INVITATION_ALIASES[attribute] ?? attribute,
      };
    }
    if (scope === 'contact') {
      return { from: 'related', lookup: INVITE_CONTACT.column, entityName: INVITE_CONTACT.target, attribute };
    }
    const lookup = Object.values(InvitationTable.lookups).find((l) => l.column === scope);
    if (lookup) return { from: 'related', lookup: lookup.column, entityName: lookup.target, attribute };
  }
  throw new XamlError(`Unknown placeholder {${placeholder}}. Use one of ${SUPPORTED_PLACEHOLDERS}.`, {
    problem: 'template',
  });
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)\}/g;

/**
 * Splits a template into text, field and output parts. `{redeemUrl}` and `{redeemLink}` must have
 * been expanded first (redeem-url.ts). `outputs` maps the step outputs the definition has
 * (placeholder name → workflow variable); `{encodedCode}` without one is refused.
 * Braces around anything that does not look like a placeholder (CSS, for instance) stay text.
 */
export function parseTemplate(
  template: string,
  outputs: ReadonlyMap<string, string> = new Map(),
): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index! > last) parts.push({ kind: 'text', text: template.slice(last, match.index) });
    const variable = outputs.get(match[1]);
    if (variable) parts.push({ kind: 'output', name: match[1], variable });
    else if (match[1] === ENCODED_CODE) throw noEncodeStep();
    else parts.push({ kind: 'field', field: fieldFor(match[1]) });
    last = match.index! + match[0].length;
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  return parts;
}

/** The readable text of parsed template parts (what readEmailStep shows for them). */
export function renderParts(parts: TemplatePart[]): string {
  return parts
    .map((part) => {
      if (part.kind === 'text') return part.text;
      return part.kind === 'output' ? `{${part.name}}` : `{${placeholderFor(part.field)}}`;
    })
    .join('');
}

function noEncodeStep(): XamlError {
  return new XamlError(
    `{${ENCODED_CODE}} is the output of an "Encode Invitation Code" step, and this definition has none before its e-mail step; use {code}.`,
    { problem: 'template' },
  );
}
