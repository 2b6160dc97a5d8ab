/**
 * The sample portal written into an empty store when `seed: true`: a system user (the WhoAmI
 * caller), a standard-data-model site (adx_website) with its web roles, an enhanced-data-model
 * site (powerpagesite "Fabrikam Partners") with its web role components and a site setting, the
 * registration site settings of both sites (seed-site-settings.ts), a
 * partner account, contacts (one without an e-mail address), the activated Send Invitation
 * workflow read from the solution source, and the PortalInvitations solution (with its publisher)
 * holding that workflow as its one component. A store seeded for one data model holds only that
 * model's site. Every row has a fixed id (`SEED`), so tests, fixtures and demos refer to rows
 * without a lookup.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  AccountTable,
  ContactTable,
  InvitationTable,
  SystemUserTable,
  WebRoleTable,
  WebsiteTable,
  WorkflowCategory,
  WorkflowMode,
  WorkflowScope,
  WorkflowState,
  WorkflowStatus,
  WorkflowTable,
  WorkflowType,
  StandardColumns,
} from '../sdk/entities/index';
import { ConfigurationError } from '../sdk/errors';
import { SEND_INVITATION_WORKFLOW_NAME } from '../sdk/entities/workflow';
import { readManifest } from '../sdk/solutions/index';
import type { EmulatorOperations, OperationContext } from './contracts';
import type { EmulatorDataModel } from './metadata';
import { seedEnhancedSite } from './seed-enhanced-site';
import { SITE_SETTING_SEED, seedSiteSettings } from './seed-site-settings';
import { recordSolution } from './solution-records';

/** Ids of everything `seed: true` creates, plus the organization and business unit WhoAmI returns. */
export const SEED = {
  organizationId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0001',
  businessUnitId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0002',
  /** The caller for WhoAmI and the default owner of created rows. */
  systemUserId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0003',
  /** The standard-data-model site "Contoso Partner Portal" (adx_website). */
  websiteId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0010',
  accountId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0020',
  /** The standard site's web roles (adx_webrole). */
  webRoles: {
    authenticated: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0031',
    partners: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0032',
    administrators: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0033',
  },
  /** The enhanced-data-model site "Fabrikam Partners" (powerpagesite). */
  enhancedSiteId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0060',
  /** The enhanced site's web roles (powerpagecomponent rows of type Web Role; also their mspp_webrole ids). */
  enhancedWebRoles: {
    authenticated: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0061',
    partners: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0062',
    suppliers: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0063',
  },
  /** A site setting component of the enhanced site (type Site Setting: not a web role). */
  enhancedSiteSettingId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0064',
  contacts: {
    /** alice.adams@example.com */
    alice: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0041',
    /** bob.brown@example.com */
    bob: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0042',
    /** carol.chen@example.org */
    carol: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0043',
    /** dan.diaz@example.org */
    dan: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0044',
    /** erin.evans@example.com */
    erin: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0045',
    /** Frank Foster: no emailaddress1 (an invitation to him cannot be sent). */
    noEmail: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0046',
  },
  sendInvitationWorkflowId: 'c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11',
  /** The publisher of the PortalInvitations solution (unique name `portalinvite`). */
  publisherId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0051',
  /** The product's own solution, unique name `PortalInvitations` (solution/src/Other/Solution.xml). */
  solutionId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0052',
  /** The solutioncomponent row making the Send Invitation workflow part of PortalInvitations. */
  sendInvitationComponentId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0053',
  /** The registration site settings of both sites (adx_sitesetting, mspp_sitesetting). */
  siteSettings: SITE_SETTING_SEED,
} as const;

/** The Send Invitation XAML, relative to the package root. */
export const SEND_INVITATION_XAML =
  'solution/src/Workflows/SendInvitation-C1D4A9A2-7F1E-4B8E-9A55-0D6B2E8F3A11.xaml';

/** The package root: the nearest folder above this file holding package.json (works from dist/ too). */
export function packageRoot(start: string = __dirname): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new ConfigurationError(
        `Cannot find the package root (a folder with package.json) above ${start}. Run the emulator from an installed or checked-out package.`,
      );
    dir = parent;
  }
  return dir;
}

/** The product's solution manifest, relative to the package root. */
export const PRODUCT_SOLUTION_XML = 'solution/src/Other/Solution.xml';

function readSource(root: string, relative: string, what: string): string {
  const file = path.join(root, relative);
  if (!fs.existsSync(file)) {
    throw new ConfigurationError(
      `Cannot seed ${what}: ${file} does not exist. Restore ${relative} or start the emulator with seed: false.`,
    );
  }
  return fs.readFileSync(file, 'utf8');
}

/** Reads the Send Invitation workflow definition; a missing file is a clear error. */
export function readSendInvitationXaml(root: string = packageRoot()): string {
  return readSource(root, SEND_INVITATION_XAML, `the ${SEND_INVITATION_WORKFLOW_NAME} workflow`);
}

const CONTACTS: Array<[keyof typeof SEED.contacts, string, string, string | null]> = [
  ['alice', 'Alice', 'Adams', 'alice.adams@example.com'],
  ['bob', 'Bob', 'Brown', 'bob.brown@example.com'],
  ['carol', 'Carol', 'Chen', 'carol.chen@example.org'],
  ['dan', 'Dan', 'Diaz', 'dan.diaz@example.org'],
  ['erin', 'Erin', 'Evans', 'erin.evans@example.com'],
  ['noEmail', 'Frank', 'Foster', null],
];

/** Options of {@link seedStore}. */
export interface SeedOptions {
  /** Whose site(s) to write: both (default), or only the enhanced or the standard one. */
  dataModel?: EmulatorDataModel;
}

/** Writes the sample portal if the store holds no system user yet; returns whether it did. */
export async function seedStore(
  ops: EmulatorOperations,
  now: () => string = () => new Date().toISOString(),
  options: SeedOptions = {},
): Promise<boolean> {
  const dataModel = options.dataModel ?? 'both';
  if (ops.find(SystemUserTable.logicalName).length > 0) return false;
  const root = packageRoot();
  const xaml = readSendInvitationXaml(root);
  const manifest = readManifest(readSource(root, PRODUCT_SOLUTION_XML, 'the PortalInvitations solution'));
  const ctx: OperationContext = {
    userId: SEED.systemUserId,
    correlationId: 'seed',
    requestId: 'seed',
    depth: 1,
    bypassCustomLogic: true,
  };
  const user = SystemUserTable.columns;
  const site = WebsiteTable.columns;
  const role = WebRoleTable.columns;
  const account = AccountTable.columns;
  const contact = ContactTable.columns;
  const wf = WorkflowTable.columns;
  await ops.transaction(async () => {
    await ops.create(
      SystemUserTable.logicalName,
      {
        [user.firstName]: 'Avery',
        [user.lastName]: 'Admin',
        [user.fullName]: 'Avery Admin',
        [user.email]: 'avery.admin@example.com',
        [user.domainName]: 'avery.admin@example.com',
        [user.azureActiveDirectoryObjectId]: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e00aa',
      },
      ctx,
      SEED.systemUserId,
    );
    if (dataModel !== 'enhanced') {
      await ops.create(
        WebsiteTable.logicalName,
        { [site.name]: 'Contoso Partner Portal', [site.partialUrl]: 'partners' },
        ctx,
        SEED.websiteId,
      );
      const website = { logicalName: WebsiteTable.logicalName, id: SEED.websiteId };
      const roles: Array<[string, string, boolean]> = [
        [SEED.webRoles.authenticated, 'Authenticated Users', true],
        [SEED.webRoles.partners, 'Partners', false],
        [SEED.webRoles.administrators, 'Administrators', false],
      ];
      for (const [id, name, authenticated] of roles) {
        await ops.create(
          WebRoleTable.logicalName,
          {
            [role.name]: name,
            [WebRoleTable.lookups.website.column]: website,
            [role.authenticatedUsersRole]: authenticated,
          },
          ctx,
          id,
        );
      }
    }
    if (dataModel !== 'standard') await seedEnhancedSite(ops, ctx);
    await seedSiteSettings(ops, ctx, {
      standard: dataModel !== 'enhanced' ? SEED.websiteId : undefined,
      enhanced: dataModel !== 'standard' ? SEED.enhancedSiteId : undefined,
    });
    await ops.create(
      AccountTable.logicalName,
      { [account.name]: 'Contoso Partners', [account.email]: 'partners@example.com' },
      ctx,
      SEED.accountId,
    );
    for (const [key, firstName, lastName, email] of CONTACTS) {
      await ops.create(
        ContactTable.logicalName,
        { [contact.firstName]: firstName, [contact.lastName]: lastName, [contact.email]: email },
        ctx,
        SEED.contacts[key],
      );
    }
    await ops.create(
      WorkflowTable.logicalName,
      {
        [wf.name]: SEND_INVITATION_WORKFLOW_NAME,
        [wf.uniqueName]: 'SendInvitation',
        [wf.primaryEntity]: InvitationTable.logicalName,
        [wf.xaml]: xaml,
        [wf.category]: WorkflowCategory.Workflow,
        [wf.type]: WorkflowType.Definition,
        [wf.mode]: WorkflowMode.Background,
        [wf.scope]: WorkflowScope.Organization,
        [wf.onDemand]: true,
        [StandardColumns.state]: WorkflowState.Activated,
        [StandardColumns.status]: WorkflowStatus.Activated,
        [wf.description]: `Sends the invitation e-mail to the invited contact. Seeded ${now().slice(0, 10)}.`,
      },
      ctx,
      SEED.sendInvitationWorkflowId,
    );
    await recordSolution(ops, ctx, manifest, [SEED.sendInvitationWorkflowId], {
      publisherId: SEED.publisherId,
      solutionId: SEED.solutionId,
      componentIds: { [SEED.sendInvitationWorkflowId]: SEED.sendInvitationComponentId },
    });
  });
  return true;
}
