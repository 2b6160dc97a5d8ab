/** systemuser: a Dataverse user; the default owner and sender of invitation e-mails. */
import type { TableDefinition } from './table';

/** systemuser's names. */
export const SystemUserTable = {
  logicalName: 'systemuser',
  entitySet: 'systemusers',
  primaryId: 'systemuserid',
  primaryName: 'fullname',
  columns: {
    id: 'systemuserid',
    fullName: 'fullname',
    firstName: 'firstname',
    lastName: 'lastname',
    /** The user's Microsoft Entra object id (what `CallerObjectId` impersonation names). */
    azureActiveDirectoryObjectId: 'azureactivedirectoryobjectid',
    email: 'internalemailaddress',
    domainName: 'domainname',
    disabled: 'isdisabled',
  },
  lookups: {},
  relationships: {},
} as const satisfies TableDefinition;
