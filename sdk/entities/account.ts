/** account: the organisation a redeeming contact is attached to (adx_assigntoaccount). */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import { readEtag, readLookupId, readString, stripBraces } from './web-api-values';

/** account's names. */
export const AccountTable = {
  logicalName: 'account',
  entitySet: 'accounts',
  primaryId: 'accountid',
  primaryName: 'name',
  columns: {
    id: 'accountid',
    name: 'name',
    email: 'emailaddress1',
    telephone: 'telephone1',
    websiteUrl: 'websiteurl',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
    primaryContact: lookup('primarycontactid', 'primarycontactid', 'contact'),
    parentAccount: lookup('parentaccountid', 'parentaccountid', 'account'),
  },
  relationships: {
    contacts: 'contact_customer_accounts',
  },
} as const satisfies TableDefinition;

/** The account as the services use it. */
export interface AccountRecord {
  id: string;
  name: string;
  email?: string;
  ownerId?: string;
  etag?: string;
}

const { columns: c, lookups: l } = AccountTable;

/** `$select` for everything {@link toAccountRecord} reads. */
export const accountSelect: string[] = [c.id, c.name, c.email, l.owner.valueField];

/** Reads a Web API row of accounts. */
export function toAccountRecord(row: WebApiRecord): AccountRecord {
  return {
    id: readString(row, c.id) ?? '',
    name: readString(row, c.name) ?? '',
    email: readString(row, c.email),
    ownerId: readLookupId(row, l.owner),
    etag: readEtag(row),
  };
}

/** Builds a create/update body from the given fields. */
export function accountToWebApi(fields: Partial<Pick<AccountRecord, 'id' | 'name' | 'email'>>): WebApiRecord {
  const body: WebApiRecord = {};
  if (fields.id !== undefined) body[c.id] = stripBraces(fields.id);
  if (fields.name !== undefined) body[c.name] = fields.name;
  if (fields.email !== undefined) body[c.email] = fields.email;
  return body;
}
