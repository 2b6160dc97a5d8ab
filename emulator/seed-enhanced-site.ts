/**
 * The seed's enhanced-data-model site, "Fabrikam Partners": its powerpagesite row, three web role
 * components and a site setting component, with the fixed ids of `SEED` (seed.ts).
 */
import { PowerPageComponentTable, PowerPageComponentType, PowerPageSiteTable } from '../sdk/entities/index';
import type { EmulatorOperations, OperationContext } from './contracts';
import { SEED } from './seed';

/**
 * The enhanced-model site: the powerpagesite row, its three web role components (the names the
 * standard site's roles have, on purpose: a role name alone then does not say which site) and a
 * site setting component, which the mspp_webrole view leaves out.
 */
export async function seedEnhancedSite(ops: EmulatorOperations, ctx: OperationContext): Promise<void> {
  const site = PowerPageSiteTable.columns;
  const component = PowerPageComponentTable.columns;
  await ops.create(
    PowerPageSiteTable.logicalName,
    {
      [site.name]: 'Fabrikam Partners',
      [site.dataModelVersion]: ENHANCED_DATA_MODEL_VERSION,
      [site.primaryDomainName]: 'fabrikam-partners.powerappsportals.com',
      [site.content]: JSON.stringify({ website_language: 1033 }),
    },
    ctx,
    SEED.enhancedSiteId,
  );
  const ofSite = {
    [PowerPageComponentTable.lookups.site.column]: {
      logicalName: PowerPageSiteTable.logicalName,
      id: SEED.enhancedSiteId,
    },
  };
  const roles: Array<[string, string, boolean]> = [
    [SEED.enhancedWebRoles.authenticated, 'Authenticated Users', true],
    [SEED.enhancedWebRoles.partners, 'Partners', false],
    [SEED.enhancedWebRoles.suppliers, 'Suppliers', false],
  ];
  for (const [id, name, authenticated] of roles) {
    await ops.create(
      PowerPageComponentTable.logicalName,
      {
        [component.name]: name,
        [component.type]: PowerPageComponentType.WebRole,
        [component.content]: JSON.stringify({
          authenticatedusersrole: authenticated,
          anonymoususersrole: false,
        }),
        ...ofSite,
      },
      ctx,
      id,
    );
  }
  await ops.create(
    PowerPageComponentTable.logicalName,
    {
      [component.name]: 'Authentication/Registration/RequiresInvitation',
      [component.type]: PowerPageComponentType.SiteSetting,
      [component.content]: JSON.stringify({ value: 'true' }),
      ...ofSite,
    },
    ctx,
    SEED.enhancedSiteSettingId,
  );
}

/** powerpagesite.datamodelversion of the seeded enhanced site (the value a real site carries is unverified). */
export const ENHANCED_DATA_MODEL_VERSION = '2';
