/**
 * Checks the placeholders of `workflow patch-template`'s subject and body before anything is read
 * from or written to Dataverse: an unknown placeholder or `{redeemUrl}` without `--redeem-url` is a
 * mistake on the command line (exit 2), not a problem with the workflow.
 */
import { SUPPORTED_PLACEHOLDERS } from '../sdk/workflows/index';
import { fieldFor } from '../sdk/workflows/xaml/placeholders';
import { UsageError } from './errors';

/** The placeholders filled from --redeem-url rather than from a column (the SDK's REDEEM_URL/REDEEM_LINK). */
const REDEEM_PLACEHOLDERS = ['{redeemUrl}', '{redeemLink}'];

/** The same shape the SDK's template parser treats as a placeholder; other braces (CSS) are text. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)\}/g;

/** Where a template came from, for the message (`--subject`, `--body-file invite.html`). */
export interface TemplateSource {
  label: string;
  text: string;
}

/**
 * Throws a {@link UsageError} naming the first placeholder the patch could not fill in.
 * @param redeemUrl the `--redeem-url` value, if any
 */
export function checkTemplatePlaceholders(sources: TemplateSource[], redeemUrl: string | undefined): void {
  const supported = `Supported placeholders: ${SUPPORTED_PLACEHOLDERS}.`;
  for (const { label, text } of sources) {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const placeholder = match[0];
      if (REDEEM_PLACEHOLDERS.includes(placeholder)) {
        if (redeemUrl !== undefined) continue;
        throw new UsageError(
          `${label} uses ${placeholder} but no --redeem-url was given.`,
          `Pass --redeem-url "https://portal.example.com/register?invitation={code}", or remove ${placeholder}. ${supported}`,
        );
      }
      try {
        fieldFor(match[1]);
      } catch {
        throw new UsageError(`${label} uses the unknown placeholder ${placeholder}.`, supported);
      }
    }
  }
}
