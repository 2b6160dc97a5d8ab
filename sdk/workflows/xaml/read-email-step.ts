/** Reading the e-mail step of a workflow definition as readable text. */
import { EmailPartyColumns, EmailTable } from '../../entities/email';
import { locateEmailStep, settersOf, type EmailStep } from './email-step';
import { readEntityProperty } from './activities';
import { ENCODED_CODE, findEncodedCodeStep } from './encoded-code';
import { collapseRedeemUrl, CODE_IN_URL } from './redeem-url';
import { renderValue } from './render';
import { ValueGraph } from './value-graph';
import { parseXaml, type XamlDocument } from './xml-document';

/** The e-mail step as text, with `{placeholders}` for values read from records. */
export interface EmailStepView {
  /** Step id, e.g. `CreateStep1`. */
  stepName: string;
  /** Create Email (a draft) or Send Email. */
  kind: 'CreateEntity' | 'SendEmail';
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  /** `description`: the HTML body as the recipient sees it. */
  body: string;
}

/**
 * The definition's Encode Invitation Code step, when it has one before the e-mail step: views show
 * its output as `{encodedCode}`, and `{code}` in a redeem URL becomes it.
 */
export interface EncodedCodeView {
  /** Step id, e.g. `CustomActivityStep1`. */
  stepName: string;
  /** The step's description, e.g. `Encode Invitation Code`. */
  description: string;
  /** The activity's output argument, e.g. `EncodedInvitationCode`. */
  output: string;
  /** The custom activity's type name. */
  activity: string;
}

/** The e-mail fields a view holds, with the e-mail column each comes from. */
export const EMAIL_FIELDS = {
  ...EmailPartyColumns,
  subject: EmailTable.columns.subject,
  body: EmailTable.columns.body,
} as const;

/** Options of {@link readEmailStep}. */
export interface ReadEmailStepOptions {
  /**
   * The redeem URL (with `{code}`) the step was patched with: where the subject and body hold its
   * expansion they show `{redeemUrl}` again, so the view reads as the template that was written.
   * Without it the URL shows as text, e.g. `<a href="https://…?invitation={code}">`.
   */
  redeemUrl?: string;
}

/** Reads the first e-mail step; throws XamlError when the XAML is unreadable or has none. */
export function readEmailStep(xaml: string, options: ReadEmailStepOptions = {}): EmailStepView {
  const document = parseXaml(xaml);
  const step = locateEmailStep(document);
  const encoded = findEncodedCodeStep(document, step.sequence) !== undefined;
  return asTemplate(viewOf(document, step), options.redeemUrl, encoded);
}

/** The Encode Invitation Code step the e-mail step can read, if any; throws XamlError as {@link readEmailStep}. */
export function readEncodedCodeStep(xaml: string): EncodedCodeView | undefined {
  const document = parseXaml(xaml);
  const found = findEncodedCodeStep(document, locateEmailStep(document).sequence);
  if (!found) return undefined;
  const { stepName, description, output, activity } = found;
  return { stepName, description, output, activity };
}

/**
 * A view with the expansions of `redeemUrl` shown as `{redeemUrl}` (the view as is without one);
 * `encoded` says the definition puts its encoded code where the URL has `{code}`.
 */
export function asTemplate(
  view: EmailStepView,
  redeemUrl: string | undefined,
  encoded = false,
): EmailStepView {
  const code = encoded ? `{${ENCODED_CODE}}` : CODE_IN_URL;
  return {
    ...view,
    subject: collapseRedeemUrl(view.subject, redeemUrl, false, code),
    body: collapseRedeemUrl(view.body, redeemUrl, true, code),
  };
}

/** Reads the e-mail step of an already parsed document. */
export function viewOf(document: XamlDocument, step: EmailStep = locateEmailStep(document)): EmailStepView {
  const graph = new ValueGraph(step.sequence);
  const encoded = findEncodedCodeStep(document, step.sequence);
  const outputs = new Map(encoded ? [[encoded.variable, ENCODED_CODE]] : []);
  const field = (attribute: string, mode: 'text' | 'party') => {
    const setters = settersOf(step, attribute);
    const setter = setters[setters.length - 1];
    if (!setter) return '';
    const variable = readEntityProperty(setter)?.variable;
    return variable ? renderValue(graph.resolve(variable, setter), mode, outputs) : '';
  };
  return {
    stepName: step.stepName,
    kind: step.kind,
    from: field(EMAIL_FIELDS.from, 'party'),
    to: field(EMAIL_FIELDS.to, 'party'),
    cc: field(EMAIL_FIELDS.cc, 'party'),
    bcc: field(EMAIL_FIELDS.bcc, 'party'),
    subject: field(EMAIL_FIELDS.subject, 'text'),
    body: field(EMAIL_FIELDS.body, 'text'),
  };
}
