/**
 * powerpagecomponent: one part of an enhanced-data-model site (a web page, a site setting, a web
 * role...), told apart by `powerpagecomponenttype`; its settings are JSON in `content`. A contact
 * holds a web role through powerpagecomponent_mspp_webrole_contact, and an invitation grants one
 * through adx_invitation_mspp_webrole_powerpagecomponent (both N:N on this table, never on the
 * mspp_webrole view).
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/powerpagecomponent
 */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import { readLookupId, readNumber, readString, stripBraces } from './web-api-values';

/** powerpagecomponent's names. */
export const PowerPageComponentTable = {
  logicalName: 'powerpagecomponent',
  entitySet: 'powerpagecomponents',
  primaryId: 'powerpagecomponentid',
  primaryName: 'name',
  columns: {
    id: 'powerpagecomponentid',
    name: 'name',
    type: 'powerpagecomponenttype',
    content: 'content',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {
    site: lookup('powerpagesiteid', 'powerpagesiteid', 'powerpagesite'),
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
  },
  relationships: {
    /** N:N web role ↔ contact: the roles a contact holds. */
    contacts: 'powerpagecomponent_mspp_webrole_contact',
    /** N:N web role ↔ invitation: the roles an invitation grants on redemption. */
    invitations: 'adx_invitation_mspp_webrole_powerpagecomponent',
  },
} as const satisfies TableDefinition;

/** powerpagecomponenttype (the choices of the table reference; the product reads Web Role). */
export enum PowerPageComponentType {
  PublishingState = 1,
  WebPage = 2,
  WebFile = 3,
  WebLinkSet = 4,
  WebLink = 5,
  PageTemplate = 6,
  ContentSnippet = 7,
  WebTemplate = 8,
  SiteSetting = 9,
  WebPageAccessControlRule = 10,
  WebRole = 11,
  WebsiteAccess = 12,
  SiteMarker = 13,
  BasicForm = 15,
  BasicFormMetadata = 16,
  List = 17,
  TablePermission = 18,
  AdvancedForm = 19,
  AdvancedFormStep = 20,
  AdvancedFormMetadata = 21,
  PollPlacement = 24,
  AdPlacement = 26,
  BotConsumer = 27,
  ColumnPermissionProfile = 28,
  ColumnPermission = 29,
  Redirect = 30,
  PublishingStateTransitionRule = 31,
  Shortcut = 32,
  CloudFlow = 33,
  UxComponent = 34,
}

/** A web role component as the services read it. */
export interface PowerPageWebRoleRecord {
  id: string;
  name: string;
  siteId?: string;
  state?: number;
}

const c = PowerPageComponentTable.columns;
const l = PowerPageComponentTable.lookups;

/** `$select` for {@link toPowerPageWebRoleRecord}. */
export const powerPageWebRoleSelect: string[] = [c.id, c.name, l.site.valueField, c.state];

/** The filter for web role components only (other component types share the table). */
export const webRoleComponentFilter = `${c.type} eq ${PowerPageComponentType.WebRole}`;

/** Reads a Web API row of powerpagecomponents (a web role). */
export function toPowerPageWebRoleRecord(row: WebApiRecord): PowerPageWebRoleRecord {
  const siteId = readLookupId(row, l.site);
  return {
    id: stripBraces(readString(row, c.id) ?? ''),
    name: readString(row, c.name) ?? '',
    siteId: siteId ? stripBraces(siteId) : undefined,
    state: readNumber(row, c.state),
  };
}
