/**
 * adx_webrole: a portal web role granted to contacts through adx_webrole_contact. User-owned, with
 * the lookup `adx_websiteid` to its website (navigation property of the same name), as Microsoft's
 * table reference lists them.
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/adx_webrole
 */
import { lookup, type TableDefinition } from './table';

/** adx_webrole's names. */
export const WebRoleTable = {
  logicalName: 'adx_webrole',
  entitySet: 'adx_webroles',
  primaryId: 'adx_webroleid',
  primaryName: 'adx_name',
  columns: {
    id: 'adx_webroleid',
    name: 'adx_name',
    key: 'adx_key',
    description: 'adx_description',
    authenticatedUsersRole: 'adx_authenticatedusersrole',
    anonymousUsersRole: 'adx_anonymoususersrole',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {
    website: lookup('adx_websiteid', 'adx_websiteid', 'adx_website'),
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
  },
  relationships: {
    contacts: 'adx_webrole_contact',
    invitations: 'adx_invitation_webrole',
  },
} as const satisfies TableDefinition;
