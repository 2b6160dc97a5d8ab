/**
 * mspp_webrole: the enhanced data model's virtual, read-only view of the Web Role rows of
 * powerpagecomponent (`mspp_webroleid` is the component's id). It has no N:N to contact or
 * invitation: links are written on powerpagecomponent (a write through this view was reported to
 * answer 204 and keep nothing).
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/mspp_webrole
 */
import { lookup, type TableDefinition } from './table';

/** mspp_webrole's names. */
export const MsppWebRoleTable = {
  logicalName: 'mspp_webrole',
  entitySet: 'mspp_webroles',
  primaryId: 'mspp_webroleid',
  primaryName: 'mspp_name',
  columns: {
    id: 'mspp_webroleid',
    name: 'mspp_name',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {
    website: lookup('mspp_websiteid', 'mspp_websiteid', 'mspp_website'),
  },
  relationships: {},
} as const satisfies TableDefinition;
