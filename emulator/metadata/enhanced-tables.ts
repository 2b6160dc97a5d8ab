/**
 * Metadata of the enhanced data model's tables: powerpagesite (a site), powerpagecomponent (its
 * parts, web roles among them), and the read-only views mspp_website (of powerpagesite) and
 * mspp_webrole (of the Web Role components, type 11). The web role N:N to contact and to
 * adx_invitation are served on powerpagecomponent only: the views have none. Lengths follow
 * Microsoft's table reference.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/powerpagecomponent
 */
import {
  ContactTable,
  InvitationTable,
  MsppWebRoleTable,
  MsppWebsiteTable,
  PowerPageComponentTable,
  PowerPageComponentType,
  PowerPageSiteTable,
} from '../../sdk/entities/index';
import { MsppSiteSettingTable } from '../../sdk/entities/index';
import { choice, memo, text } from './columns';
import { defineTable, type DefinedTable, manyToMany, oneToMany } from './define';
import { activeInactive } from './portal-tables';

/** powerpagesite: an enhanced-model site. */
export const powerPageSiteTable = defineTable(PowerPageSiteTable, {
  columns: {
    name: text(100, { required: true }),
    dataModelVersion: text(10),
    primaryDomainName: text(253),
    content: memo(),
  },
  states: activeInactive,
  relationships: {
    components: oneToMany(PowerPageComponentTable, 'site'),
    invitations: oneToMany(InvitationTable, 'powerPageSite'),
  },
});

/** powerpagecomponent: a part of a site; type 11 rows are its web roles. */
export const powerPageComponentTable = defineTable(PowerPageComponentTable, {
  columns: {
    name: text(400, { required: true }),
    type: choice(PowerPageComponentType, { required: true }),
    content: memo(),
  },
  lookups: { site: { required: true } },
  states: activeInactive,
  relationships: {
    contacts: manyToMany(ContactTable),
    invitations: manyToMany(InvitationTable),
  },
});

/** mspp_website: the read-only view of powerpagesite rows (same ids). */
export const msppWebsiteTable = defineTable(MsppWebsiteTable, {
  columns: { name: text(100), primaryDomainName: text(253) },
  states: activeInactive,
  audit: false,
  relationships: { webRoles: oneToMany(MsppWebRoleTable, 'website') },
  view: {
    source: PowerPageSiteTable,
    columns: { id: 'id', name: 'name', primaryDomainName: 'primaryDomainName' },
  },
});

/** mspp_webrole: the read-only view of the Web Role components; no N:N of its own. */
export const msppWebRoleTable = defineTable(MsppWebRoleTable, {
  columns: { name: text(100) },
  states: activeInactive,
  audit: false,
  view: {
    source: PowerPageComponentTable,
    where: ['type', PowerPageComponentType.WebRole],
    columns: { id: 'id', name: 'name' },
    lookups: { website: 'site' },
  },
});

/**
 * mspp_sitesetting: a site's named values. Dataverse serves it as a writable virtual table over
 * the Site Setting components; the emulator stores its rows in a table of their own (see
 * emulator/extensions/README.md), so reads and writes behave as the Web API documents them.
 */
export const msppSiteSettingTable = defineTable(MsppSiteSettingTable, {
  columns: { name: text(100, { required: true }), value: memo(2000), description: memo(2000) },
  lookups: { website: { required: true } },
  states: activeInactive,
});

/** The enhanced data model's tables, sources before their views. */
export const enhancedTables: readonly DefinedTable[] = [
  powerPageSiteTable,
  powerPageComponentTable,
  msppWebsiteTable,
  msppWebRoleTable,
  msppSiteSettingTable,
];
