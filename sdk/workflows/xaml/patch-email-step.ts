/**
 * Rewriting the invitation e-mail of a workflow definition: subject and body from templates with
 * `{placeholders}` turned into real field reads, To always the invited contact, CC and BCC
 * removed, From replaced when given. Only the e-mail step's nodes change.
 */
import { InvitationTable } from '../../entities/adx-invitation';
import { EmailSenderTables, type EmailSenderTable } from '../../entities/email';
import { locateEmailStep, primaryEntityOf } from './email-step';
import { XamlError } from './errors';
import { parseTemplate, placeholderFor, renderParts } from './placeholders';
import { EMAIL_FIELDS, asTemplate, viewOf, type EmailStepView } from './read-email-step';
import { ENCODED_CODE, findEncodedCodeStep } from './encoded-code';
import { CODE_IN_URL, expandRedeemUrl } from './redeem-url';
import { StepEditor } from './step-editor';
import { parseXaml, serializeXaml } from './xml-document';

/** What to write into the e-mail step. */
export interface TemplatePatch {
  /** New subject; placeholders such as `{code}` allowed. */
  subject: string;
  /**
   * New HTML body; placeholders allowed. `{redeemUrl}` is the bare URL inside an attribute value
   * (`<a href="{redeemUrl}">Accept</a>`) and a link `<a href="URL">URL</a>` in text; `{redeemLink}`
   * is always that link.
   */
  body: string;
  /** New sender; the step's current From stays when omitted. */
  from?: { logicalName: EmailSenderTable; id: string; name?: string };
  /**
   * Registration URL with `{code}` in it, used for `{redeemUrl}` and `{redeemLink}`. `{code}` there
   * becomes the definition's encoded code when it has an Encode Invitation Code step.
   */
  redeemUrl?: string;
}

/**
 * The patched XAML and the e-mail before and after, read with the patch's redeem URL (so `after`
 * shows `{redeemUrl}` where the template had it).
 */
export interface PatchedXaml {
  xaml: string;
  /** False when the patch yields the e-mail the step already writes (the input is returned as is). */
  changed: boolean;
  before: EmailStepView;
  after: EmailStepView;
}

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const COMPARED: (keyof EmailStepView)[] = ['from', 'to', 'cc', 'bcc', 'subject', 'body'];

/** Applies a template patch to a workflow definition's e-mail step. Throws XamlError with the reason. */
export function patchEmailStep(xaml: string, patch: TemplatePatch): PatchedXaml {
  checkPatch(patch);
  const document = parseXaml(xaml);
  const step = locateEmailStep(document);
  const before = viewOf(document, step);
  const primary = primaryEntityOf(document);
  if (primary && primary !== InvitationTable.logicalName) {
    throw new XamlError(
      `The workflow runs on "${primary}", not on ${InvitationTable.logicalName}; the invitation template can only patch a workflow whose primary table is ${InvitationTable.logicalName}.`,
    );
  }
  // With an Encode Invitation Code step the link carries its output; the step itself is kept as is.
  const encoded = findEncodedCodeStep(document, step.sequence);
  const outputs = new Map(encoded ? [[ENCODED_CODE, encoded.variable]] : []);
  const code = encoded ? `{${ENCODED_CODE}}` : CODE_IN_URL;
  const subject = parseTemplate(expandRedeemUrl(patch.subject, patch.redeemUrl, false, code), outputs);
  const body = parseTemplate(expandRedeemUrl(patch.body, patch.redeemUrl, true, code), outputs);

  const editor = new StepEditor(document, step);
  if (patch.from) {
    const from = { ...patch.from, id: patch.from.id.replace(/^\{|\}$/g, '').toLowerCase() };
    editor.replace(EMAIL_FIELDS.from, 'mxs:EntityCollection', (b) => b.staticParty(from));
  }
  // Fields that already read as wanted are left alone, so a re-run changes nothing.
  const inviteContact = InvitationTable.lookups.inviteContact.column;
  const toInviteContact = placeholderFor({
    from: 'primary',
    entityName: InvitationTable.logicalName,
    attribute: inviteContact,
  });
  if (before.to !== `{${toInviteContact}}`) {
    editor.replace(EMAIL_FIELDS.to, 'mxs:EntityCollection', (b) => b.partyFromPrimary(inviteContact));
  }
  editor.remove(EMAIL_FIELDS.cc);
  editor.remove(EMAIL_FIELDS.bcc);
  if (before.subject !== renderParts(subject))
    editor.replace(EMAIL_FIELDS.subject, 'x:String', (b) => b.text(subject));
  if (before.body !== renderParts(body)) editor.replace(EMAIL_FIELDS.body, 'x:String', (b) => b.text(body));
  editor.finish();

  const patched = serializeXaml(document);
  const after = viewOf(parseXaml(patched));
  const changed = COMPARED.some((field) => before[field] !== after[field]);
  const shown = (view: EmailStepView) => asTemplate(view, patch.redeemUrl, encoded !== undefined);
  return changed
    ? { xaml: patched, changed, before: shown(before), after: shown(after) }
    : { xaml, changed, before: shown(before), after: shown(before) };
}

/** The caller's own mistakes in the patch: XamlError `template`, before the definition is touched. */
function checkPatch(patch: TemplatePatch): void {
  const mistake = (message: string) => new XamlError(message, { problem: 'template' });
  if (typeof patch?.subject !== 'string' || patch.subject.trim() === '') {
    throw mistake(
      'The patch has no subject; give the e-mail a subject (placeholders such as {code} are allowed).',
    );
  }
  if (typeof patch.body !== 'string' || patch.body.trim() === '') {
    throw mistake(
      'The patch has no body; give the e-mail a body that contains at least {code} or {redeemUrl}.',
    );
  }
  if (patch.from) {
    const senders: readonly string[] = Object.values(EmailSenderTables);
    if (!senders.includes(patch.from.logicalName)) {
      throw mistake(`A sender must be a ${senders.join(' or a ')}, not "${String(patch.from.logicalName)}".`);
    }
    if (!GUID.test(patch.from.id)) throw mistake(`The sender id "${patch.from.id}" is not a GUID.`);
  }
}
