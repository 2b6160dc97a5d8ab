/**
 * Checking the placeholders of an e-mail template before anything is read from or written to
 * Dataverse. A placeholder reads a column of the invitation, of its invited contact or of another
 * table an invitation lookup points to. A name the package knows passes; a name close to one it
 * knows is a typo, refused with "did you mean" (`{contact.fulname}` would otherwise write
 * "Hi , …" into every e-mail); any other column is asked of the environment, which knows its
 * custom columns (one `$select` of that column, nothing else).
 */
import type { DataverseClient } from '../sdk/client/index';
import { DataverseError } from '../sdk/client/errors';
import {
  AccountTable,
  ContactTable,
  InvitationTable,
  SystemUserTable,
  WorkflowTable,
  type TableDefinition,
} from '../sdk/entities/index';
import { ENCODED_CODE, SUPPORTED_PLACEHOLDERS, XamlError } from '../sdk/workflows/index';
import { fieldFor } from '../sdk/workflows/xaml/placeholders';
import { closestNames } from './did-you-mean';
import { UsageError } from './errors';

/** Where a template came from, for the message (`--subject`, `--body-file invite.html`). */
export interface TemplateSource {
  label: string;
  text: string;
}

/** The placeholders filled from --redeem-url rather than from a column (the SDK's REDEEM_URL/REDEEM_LINK). */
const REDEEM_PLACEHOLDERS = ['{redeemUrl}', '{redeemLink}'];

/** The same shape the SDK's template parser treats as a placeholder; other braces (CSS) are text. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)\}/g;

const TABLES: TableDefinition[] = [
  InvitationTable,
  ContactTable,
  AccountTable,
  SystemUserTable,
  WorkflowTable,
];

/** The columns sdk/entities names for a table. */
function knownColumns(logicalName: string): string[] {
  const table = TABLES.find((t) => t.logicalName === logicalName);
  if (!table) return [];
  return [...new Set([...Object.values(table.columns), table.primaryId, table.primaryName])];
}

/** Every placeholder spelled with a known column, for "did you mean". */
function knownPlaceholders(): string[] {
  const names = ['code', 'expiry', 'redeemUrl', 'redeemLink', 'invitation.name'];
  for (const column of knownColumns(InvitationTable.logicalName)) names.push(`invitation.${column}`);
  for (const column of knownColumns(ContactTable.logicalName)) names.push(`contact.${column}`);
  for (const lookup of Object.values(InvitationTable.lookups)) {
    for (const column of knownColumns(lookup.target)) names.push(`${lookup.column}.${column}`);
  }
  return names;
}

/** A placeholder whose column the package does not know: checked with the environment. */
export interface ColumnToConfirm {
  placeholder: string;
  label: string;
  logicalName: string;
  column: string;
}

function unknown(label: string, placeholder: string, suggestions: string[], cause?: unknown): UsageError {
  const hint = suggestions.length
    ? `Did you mean ${suggestions.map((s) => `{${s}}`).join(' or ')}? Nothing was changed.`
    : `Nothing was changed. Supported placeholders: ${SUPPORTED_PLACEHOLDERS}.`;
  return new UsageError(`${label} uses the unknown placeholder ${placeholder}.`, hint, { cause });
}

/**
 * Throws a {@link UsageError} naming the first placeholder the patch cannot fill in (offline), and
 * returns the placeholders whose columns only the environment can confirm.
 * @param redeemUrl the `--redeem-url` value, if any
 */
export function checkTemplatePlaceholders(
  sources: TemplateSource[],
  redeemUrl: string | undefined,
): ColumnToConfirm[] {
  const supported = `Supported placeholders: ${SUPPORTED_PLACEHOLDERS}.`;
  const known = knownPlaceholders();
  const toConfirm: ColumnToConfirm[] = [];
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
      // The definition's Encode Invitation Code output: the SDK refuses it for a definition without one.
      if (match[1] === ENCODED_CODE) continue;
      let field;
      try {
        field = fieldFor(match[1]);
      } catch (error) {
        if (!(error instanceof XamlError)) throw error;
        throw unknown(label, placeholder, closestNames(match[1], known), error);
      }
      const [scope] = match[1].split('.');
      const alias = scope === 'invitation' && match[1] === 'invitation.name';
      if (alias || knownColumns(field.entityName).includes(field.attribute) || !match[1].includes('.'))
        continue;
      const suggestions = closestNames(match[1], known);
      if (suggestions.length > 0) throw unknown(label, placeholder, suggestions);
      toConfirm.push({ placeholder, label, logicalName: field.entityName, column: field.attribute });
    }
  }
  return toConfirm;
}

/**
 * Asks the environment whether each column exists (`$select=<column>&$top=1`; Dataverse answers
 * 400 for a property it does not have).
 * @throws UsageError for the first column the table does not have
 */
export async function confirmColumns(client: DataverseClient, columns: ColumnToConfirm[]): Promise<void> {
  for (const { placeholder, label, logicalName, column } of columns) {
    const table = TABLES.find((t) => t.logicalName === logicalName);
    if (!table) continue;
    try {
      for await (const row of client.list(table.entitySet, { select: [column], top: 1 })) void row;
    } catch (error) {
      if (error instanceof DataverseError && error.status === 400) {
        throw new UsageError(
          `${label} uses ${placeholder}, but ${logicalName} has no column "${column}" in this environment.`,
          `Check the column's logical name (lower case, e.g. ${knownColumns(logicalName).slice(0, 3).join(', ')}). Nothing was changed.`,
          { cause: error },
        );
      }
      throw error;
    }
  }
}
