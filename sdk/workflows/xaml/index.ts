/** Reading, patching and interpreting classic workflow XAML. */
export { XamlError } from './errors';
export {
  readEmailStep,
  readEncodedCodeStep,
  EMAIL_FIELDS,
  type EmailStepView,
  type EncodedCodeView,
  type ReadEmailStepOptions,
} from './read-email-step';
export { ENCODED_CODE } from './encoded-code';
export { REDEEM_URL, REDEEM_LINK } from './redeem-url';
export { patchEmailStep, type TemplatePatch, type PatchedXaml } from './patch-email-step';
export { evaluateWorkflow, type RecordLoader, type WorkflowEffect, type EvaluateOptions } from './evaluate';
export { SUPPORTED_PLACEHOLDERS } from './placeholders';
export { parseXaml, serializeXaml, type XamlDocument } from './xml-document';
