/**
 * Reading external sign-ins: the rows that hold one sign-in (by its pair, or by the id a link of it
 * gets) with the contact each points to, and a contact's sign-ins.
 */
import type { DataverseApi } from '../client/api';
import type { WebApiRecord } from '../client/types';
import { expandText } from '../client/query/expand';
import {
  ContactState,
  ContactTable,
  ExternalIdentityState,
  ExternalIdentityTable,
  externalIdentitySelect,
  readExpandedRow,
  toContactRecord,
  toExternalIdentityRecord,
  type ExternalIdentityRecord,
} from '../entities/index';
import { NO_CACHE, normalizeGuid, queryAll, quote, type SimpleQuery } from '../invitations/odata';
import { externalIdentityId, sameLogin, type ExternalLogin } from './login';

const identity = ExternalIdentityTable.columns;
const contact = ContactTable.columns;

/** A contact as a sign-in's row shows it. */
export interface SignInContact {
  id: string;
  /** statecode ({@link ContactState}). */
  state: number;
  email?: string;
  firstName?: string;
  lastName?: string;
}

/** An adx_externalidentity row with the contact it points to (when that contact exists). */
export interface IdentityMatch extends ExternalIdentityRecord {
  contact?: SignInContact;
}

/** The contact columns a sign-in's rows are read with. */
export const SIGN_IN_CONTACT_SELECT: readonly string[] = [
  contact.id,
  contact.state,
  contact.email,
  contact.firstName,
  contact.lastName,
];

/** A contact row selected with {@link SIGN_IN_CONTACT_SELECT}. */
export function toSignInContact(row: WebApiRecord): SignInContact {
  const record = toContactRecord(row);
  return {
    id: normalizeGuid(record.id),
    state: record.state ?? ContactState.Active,
    email: record.email || undefined,
    firstName: record.firstName || undefined,
    lastName: record.lastName || undefined,
  };
}

/**
 * The query for the rows of one sign-in: those with its provider and subject (Dataverse compares
 * them without case, as the portal's sign-in does) and the one with the id a link of it gets,
 * any state, each expanded with its contact.
 */
export function signInRowsQuery(login: ExternalLogin): SimpleQuery {
  const pair = `${identity.identityProvider} eq ${quote(login.provider)} and ${identity.username} eq ${quote(login.subject)}`;
  return {
    select: externalIdentitySelect,
    filter: `(${pair}) or ${identity.id} eq ${externalIdentityId(login)}`,
    expand: expandText({
      [ExternalIdentityTable.lookups.contact.navigation]: { select: SIGN_IN_CONTACT_SELECT },
    }),
    headers: { ...NO_CACHE },
  };
}

/** A row of {@link signInRowsQuery}. */
export function toIdentityMatch(row: WebApiRecord): IdentityMatch {
  const expanded = readExpandedRow(row, ExternalIdentityTable.lookups.contact.navigation);
  return { ...toExternalIdentityRecord(row), contact: expanded ? toSignInContact(expanded) : undefined };
}

/** The rows holding this sign-in (see {@link signInRowsQuery}); one request. */
export async function findSignInRows(
  client: DataverseApi,
  login: ExternalLogin,
  signal?: AbortSignal,
): Promise<IdentityMatch[]> {
  const rows = await queryAll(client, ExternalIdentityTable.entitySet, { ...signInRowsQuery(login), signal });
  return rows.map(toIdentityMatch);
}

/** How the rows of one sign-in stand, as the rules that link it need to know. */
export interface SignInState {
  /** Active rows with this pair that point to a contact: the sign-in's link(s). */
  links: IdentityMatch[];
  /** Rows with this pair that do not sign anyone in: deactivated, or naming no contact. */
  dormant: IdentityMatch[];
  /** A row with the id this sign-in's link gets that holds another sign-in (edited by hand). */
  squatter?: IdentityMatch;
}

/** Sorts the rows of {@link findSignInRows} into links, dormant rows and a squatter. */
export function signInState(login: ExternalLogin, rows: readonly IdentityMatch[]): SignInState {
  const id = externalIdentityId(login);
  const mine = rows.filter((r) => sameLogin(r, login));
  return {
    links: mine.filter((r) => r.state !== ExternalIdentityState.Inactive && r.contactId),
    dormant: mine.filter((r) => r.state === ExternalIdentityState.Inactive || !r.contactId),
    squatter: rows.find((r) => r.id === id && !sameLogin(r, login)),
  };
}

/** A contact's sign-ins (any state), oldest first. */
export async function listSignIns(
  client: DataverseApi,
  contactId: string,
): Promise<ExternalIdentityRecord[]> {
  const rows = await queryAll(client, ExternalIdentityTable.entitySet, {
    select: externalIdentitySelect,
    filter: `${ExternalIdentityTable.lookups.contact.valueField} eq ${normalizeGuid(contactId)}`,
    headers: { ...NO_CACHE },
  });
  return rows
    .map(toExternalIdentityRecord)
    .sort(
      (a, b) => (a.createdOn?.getTime() ?? 0) - (b.createdOn?.getTime() ?? 0) || a.id.localeCompare(b.id),
    );
}
