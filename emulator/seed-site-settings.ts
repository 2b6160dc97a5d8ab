/**
 * The seed's registration site settings, one set per data model, so `site check` and `invite
 * explain` have something real to read: the standard site "Contoso Partner Portal" is left open
 * (no OpenRegistrationEnabled row: Microsoft's default, true, lets anyone sign up), the enhanced
 * site "Fabrikam Partners" is invitation-only (open registration off, invitations required).
 */
import {
  MsppSiteSettingTable,
  MsppWebsiteTable,
  SiteSettingTable,
  WebsiteTable,
} from '../sdk/entities/index';
import type { EmulatorOperations, OperationContext } from './contracts';

/** Fixed ids of the seeded site-setting rows (`SEED.siteSettings`). */
export const SITE_SETTING_SEED = {
  /** Standard site: `Authentication/Registration/Enabled` = true. */
  standardRegistrationEnabled: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0071',
  /** Standard site: `Authentication/Registration/LocalLoginEnabled` = true. */
  standardLocalLogin: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0072',
  /** Standard site: `Search/Enabled` = true (not a registration setting). */
  standardSearch: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0073',
  /**
   * Enhanced site: `Authentication/Registration/RequiresInvitation` = true, the id of the Site
   * Setting component of the same name (mspp_sitesetting shows those components in Dataverse).
   */
  enhancedRequiresInvitation: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0064',
  /** Enhanced site: `Authentication/Registration/OpenRegistrationEnabled` = false. */
  enhancedOpenRegistration: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0074',
  /** Enhanced site: `Authentication/Registration/LocalLoginEnabled` = true. */
  enhancedLocalLogin: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0075',
} as const;

type Row = [id: string, name: string, value: string];

const STANDARD: Row[] = [
  [SITE_SETTING_SEED.standardRegistrationEnabled, 'Authentication/Registration/Enabled', 'true'],
  [SITE_SETTING_SEED.standardLocalLogin, 'Authentication/Registration/LocalLoginEnabled', 'true'],
  [SITE_SETTING_SEED.standardSearch, 'Search/Enabled', 'true'],
];

const ENHANCED: Row[] = [
  [SITE_SETTING_SEED.enhancedRequiresInvitation, 'Authentication/Registration/RequiresInvitation', 'true'],
  [
    SITE_SETTING_SEED.enhancedOpenRegistration,
    'Authentication/Registration/OpenRegistrationEnabled',
    'false',
  ],
  [SITE_SETTING_SEED.enhancedLocalLogin, 'Authentication/Registration/LocalLoginEnabled', 'True'],
];

/** The sites to write settings for: each present only when the store holds that model's site. */
export interface SeededSites {
  /** The adx_website id of the standard site. */
  standard?: string;
  /** The powerpagesite (and mspp_website) id of the enhanced site. */
  enhanced?: string;
}

/** Writes the site settings of the seeded sites. */
export async function seedSiteSettings(
  ops: EmulatorOperations,
  ctx: OperationContext,
  sites: SeededSites,
): Promise<void> {
  const targets = [
    { table: SiteSettingTable, site: WebsiteTable, siteId: sites.standard, rows: STANDARD },
    { table: MsppSiteSettingTable, site: MsppWebsiteTable, siteId: sites.enhanced, rows: ENHANCED },
  ];
  for (const { table, site, siteId, rows } of targets) {
    if (!siteId) continue;
    const c = table.columns;
    for (const [id, name, value] of rows) {
      await ops.create(
        table.logicalName,
        {
          [c.name]: name,
          [c.value]: value,
          [table.lookups.website.column]: { logicalName: site.logicalName, id: siteId },
        },
        ctx,
        id,
      );
    }
  }
}
