/** account: the organisation a redeeming contact is attached to (adx_assigntoaccount). */
import { lookup, type TableDefinition } from './table';

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
