/** systemuser: a Dataverse user; the default owner and sender of invitation e-mails. */
import type { WebApiRecord } from '../client/types';
import type { TableDefinition } from './table';
import { readBoolean, readEtag, readString } from './web-api-values';

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

/** The user as the services use it. */
export interface SystemUserRecord {
  id: string;
  fullName: string;
  email?: string;
  domainName?: string;
  disabled: boolean;
  etag?: string;
}

const { columns: c } = SystemUserTable;

/** `$select` for everything {@link toSystemUserRecord} reads. */
export const systemUserSelect: string[] = [c.id, c.fullName, c.email, c.domainName, c.disabled];

/** Reads a Web API row of systemusers. */
export function toSystemUserRecord(row: WebApiRecord): SystemUserRecord {
  return {
    id: readString(row, c.id) ?? '',
    fullName: readString(row, c.fullName) ?? '',
    email: readString(row, c.email),
    domainName: readString(row, c.domainName),
    disabled: readBoolean(row, c.disabled) ?? false,
    etag: readEtag(row),
  };
}
