/**
 * Reading the bulk CSV: streamed with csv-parse, one {@link BulkRow} per data row, each either a
 * ready invitation input or the reason it cannot be one. A bad row never stops the others.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { CreateInvitationInput } from '../../sdk/invitations/index';
import { UsageError } from '../errors';
import { parseExpiry } from '../options';
import { isGuid, normaliseGuid } from '../lookups';
import { contactKey, IdentityCounter, rowIdentity } from './row-identity';

/** Values applied to every row unless the row overrides them. */
export interface BulkDefaults {
  /** Web roles (ids or names); a row's `roles` column replaces them. */
  roles?: string[];
  /** Account (id or name); a row's `account` column replaces it. */
  account?: string;
  /** Expiry (ISO date or duration); a row's `expires` column replaces it. */
  expires?: string;
  /** Site (name or id) the invitations are for; a row's `site` column replaces it. */
  site?: string;
}

/** One CSV data row, numbered from 1 (the header is not counted). */
export interface BulkRow {
  row: number;
  /** The address or contact id the row names (for the results file). */
  email: string;
  /** The invitation to create, when the row is valid. */
  input?: CreateInvitationInput;
  /** Why the row is invalid. */
  error?: string;
  /**
   * Set by {@link readBulkRows} on valid rows: who is invited and what the invitation grants, with
   * the occurrence number of that identity in the file (see row-identity.ts; version-2 jobs).
   */
  identity?: string;
  /**
   * Set on valid rows: the contact (and the `site` column, when the CSV has one) the invitation is
   * for. Two rows with the same key are the same invitation: the second is a duplicate.
   */
  key?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Columns the CSV may have (lower-case); anything else is reported once as ignored. */
export const KNOWN_COLUMNS = [
  'email',
  'contactid',
  'type',
  'roles',
  'account',
  'expires',
  'name',
  'max',
  'site',
];

/**
 * Turns one parsed record (column → text) into a {@link BulkRow}.
 * @param now clock for relative expiries
 */
export function toBulkRow(
  record: Record<string, string>,
  row: number,
  defaults: BulkDefaults,
  now: number,
): BulkRow {
  const get = (column: string) => (record[column] ?? '').trim();
  const email = get('email');
  const contactId = get('contactid');
  const who = contactId || email;
  const invalid = (error: string): BulkRow => ({ row, email: who, error });

  if (!email && !contactId) return invalid('the row has neither an email nor a contactid');
  if (contactId && !isGuid(contactId)) return invalid(`contactid "${contactId}" is not a GUID`);
  if (!contactId && !EMAIL.test(email)) return invalid(`"${email}" is not a valid e-mail address`);

  const type = (get('type') || 'single').toLowerCase();
  if (type !== 'single' && type !== 'group') return invalid(`type "${get('type')}" must be single or group`);

  const input: CreateInvitationInput = { type };
  const contact = contactId ? normaliseGuid(contactId) : email;
  if (type === 'single') input.contact = contact;
  else input.contacts = [contact];

  const max = get('max');
  if (max) {
    const n = Number(max);
    if (!Number.isInteger(n) || n < 1) return invalid(`max "${max}" must be a whole number of 1 or more`);
    if (type === 'single' && n !== 1)
      return invalid('a single invitation has max 1; use type group for more');
    input.maxRedemptions = n;
  }

  const roles = get('roles')
    ? get('roles')
        .split(';')
        .map((r) => r.trim())
        .filter(Boolean)
    : defaults.roles;
  if (roles?.length) input.webRoles = roles;

  const account = get('account') || defaults.account;
  if (account) input.account = account;

  const site = get('site') || defaults.site;
  if (site) input.site = site;

  const expires = get('expires') || defaults.expires;
  if (expires) {
    try {
      input.expiresOn = parseExpiry(expires, now);
    } catch (error) {
      return invalid((error as Error).message);
    }
  }

  const name = get('name');
  if (name) input.name = name;
  return { row, email: who, input };
}

/**
 * Streams the CSV's rows. Headers are matched case-insensitively.
 * @param onUnknownColumns told once about columns this command ignores
 * @throws UsageError when the header has neither `email` nor `contactid`
 */
export async function* readBulkRows(
  file: string,
  defaults: BulkDefaults,
  options: {
    now?: () => number;
    onUnknownColumns?: (columns: string[]) => void;
    /** Told when a valid header was read (an empty file has none). */
    onHeader?: (columns: string[]) => void;
  } = {},
): AsyncGenerator<BulkRow> {
  const now = options.now ?? Date.now;
  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      columns: (header: string[]) => {
        const columns = header.map((h) => h.trim().toLowerCase());
        if (!columns.includes('email') && !columns.includes('contactid')) {
          throw new UsageError(
            `${file} has no "email" or "contactid" column (found: ${columns.join(', ') || 'nothing'}).`,
            `The first line must name the columns, e.g.: email,roles,account,expires. Known columns: ${KNOWN_COLUMNS.join(', ')}.`,
          );
        }
        const unknown = columns.filter((c) => !KNOWN_COLUMNS.includes(c));
        if (unknown.length > 0) options.onUnknownColumns?.(unknown);
        options.onHeader?.(columns);
        return columns;
      },
    }),
  );
  const identities = new IdentityCounter();
  let row = 0;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    row += 1;
    const bulkRow = toBulkRow(record, row, defaults, now());
    if (bulkRow.input) {
      bulkRow.identity = identities.next(rowIdentity(bulkRow.input));
      bulkRow.key = contactKey(bulkRow.input, record.site);
    }
    yield bulkRow;
  }
}
