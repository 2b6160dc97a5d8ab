/**
 * Which Dataverse tables make up each data model, and how to tell that an environment does not
 * have a table: its entity set (or navigation property) answers 404 "Resource not found for the
 * segment". adx_invitation, adx_inviteredemption and contact are in both.
 * @see https://learn.microsoft.com/power-pages/admin/enhanced-data-model
 */
import { ErrorCodes } from '../client/error-codes';
import {
  ContactTable,
  InvitationTable,
  MsppWebRoleTable,
  MsppWebsiteTable,
  PowerPageComponentTable,
  PowerPageSiteTable,
  WebRoleTable,
  webRoleComponentFilter,
  WebsiteTable,
  type TableDefinition,
} from '../entities/index';
import { MsppSiteSettingTable, SiteSettingTable } from '../entities/index';
import type { ErrorLike } from '../invitations/odata';
import type { DataModel } from './types';

/** The tables only one data model has. */
export const DATA_MODEL_TABLES: Readonly<Record<DataModel, readonly TableDefinition[]>> = {
  standard: [WebsiteTable, WebRoleTable, SiteSettingTable],
  enhanced: [
    PowerPageSiteTable,
    PowerPageComponentTable,
    MsppWebsiteTable,
    MsppWebRoleTable,
    MsppSiteSettingTable,
  ],
};

/** Where each data model keeps its sites, web roles and the links an invitation needs. */
export interface DataModelNames {
  /** The site table. */
  site: TableDefinition;
  /** The table whose rows are web roles (and on which the N:N are written). */
  role: TableDefinition;
  /** Extra filter picking web roles out of the role table (enhanced: component type 11). */
  roleFilter?: string;
  /** Navigation property adx_invitation → roles granted on redemption (N:N). */
  invitationRoles: string;
  /** Navigation property contact → roles held (N:N, same name on the role table). */
  contactRoles: string;
  /** The invitation's site lookup. */
  invitationSite: (typeof InvitationTable.lookups)['website' | 'powerPageSite'];
}

/** Each data model's names. */
export const DATA_MODEL_NAMES: Readonly<Record<DataModel, DataModelNames>> = {
  standard: {
    site: WebsiteTable,
    role: WebRoleTable,
    invitationRoles: InvitationTable.relationships.webRoles,
    contactRoles: ContactTable.relationships.webRoles,
    invitationSite: InvitationTable.lookups.website,
  },
  enhanced: {
    site: PowerPageSiteTable,
    role: PowerPageComponentTable,
    roleFilter: webRoleComponentFilter,
    invitationRoles: InvitationTable.relationships.powerPageWebRoles,
    contactRoles: ContactTable.relationships.powerPageWebRoles,
    invitationSite: InvitationTable.lookups.powerPageSite,
  },
};

/** Words for a data model in messages: "enhanced data model". */
export function dataModelLabel(model: DataModel): string {
  return `${model} data model`;
}

/**
 * True when a request failed because the environment has no such entity set or navigation
 * property (404 "Resource not found for the segment"), as opposed to a missing row (404
 * 0x80040217), which is an ordinary error.
 */
export function isMissingResource(error: unknown): boolean {
  const e = error as ErrorLike | undefined;
  if (!e || e.status !== 404) return false;
  const code = e.code?.toLowerCase();
  return (
    code === ErrorCodes.UnknownSegment ||
    code === ErrorCodes.ResourceNotFound ||
    /resource not found for the segment/i.test(e.message ?? '')
  );
}
