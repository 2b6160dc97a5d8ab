/**
 * powerpagesite: a Power Pages site of the enhanced data model (every site created since 2023).
 * Its web roles are powerpagecomponent rows of type Web Role; the read-only `mspp_website` view
 * shows the same rows again, so a site is listed from here only.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/powerpagesite
 */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import { readNumber, readString, stripBraces } from './web-api-values';

/** powerpagesite's names. */
export const PowerPageSiteTable = {
  logicalName: 'powerpagesite',
  entitySet: 'powerpagesites',
  primaryId: 'powerpagesiteid',
  primaryName: 'name',
  columns: {
    id: 'powerpagesiteid',
    name: 'name',
    /** "This number indicates the active data model version for the portal" (string, 10). */
    dataModelVersion: 'datamodelversion',
    primaryDomainName: 'primarydomainname',
    content: 'content',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
  },
  relationships: {
    /** 1:N to the site's components (web roles, site settings...) through their powerpagesiteid. */
    components: 'powerpagesite_powerpagecomponent_powerpagesiteid',
    /** 1:N to the invitations for the site through adx_invitation.mspp_websiteid. */
    invitations: 'powerpagesite_mspp_websiteid_adx_invitation',
  },
} as const satisfies TableDefinition;

/** A powerpagesite row as the site service reads it. */
export interface PowerPageSiteRecord {
  id: string;
  name: string;
  dataModelVersion?: string;
  primaryDomainName?: string;
  state?: number;
}

const c = PowerPageSiteTable.columns;

/** `$select` for {@link toPowerPageSiteRecord}. */
export const powerPageSiteSelect: string[] = [c.id, c.name, c.dataModelVersion, c.primaryDomainName, c.state];

/** Reads a Web API row of powerpagesites. */
export function toPowerPageSiteRecord(row: WebApiRecord): PowerPageSiteRecord {
  return {
    id: stripBraces(readString(row, c.id) ?? ''),
    name: readString(row, c.name) ?? '',
    dataModelVersion: readString(row, c.dataModelVersion),
    primaryDomainName: readString(row, c.primaryDomainName),
    state: readNumber(row, c.state),
  };
}
