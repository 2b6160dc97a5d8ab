/**
 * The sample portal written into an empty store when `seed: true`: a system user (the WhoAmI
 * caller), a website with its web roles, a partner account, contacts (one without an e-mail
 * address), the activated Send Invitation workflow read from the solution source, and the
 * PortalInvitations solution (with its publisher) holding that workflow as its one component.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EmulatorOperations, OperationContext } from './contracts';
import { SEED } from './seed-ids';
import { recordSolution } from './solution-records';
import { SEND_INVITATION_WORKFLOW_NAME } from '../sdk/entities/workflow';
import { readManifest } from '../sdk/solutions/index';

/** The Send Invitation XAML, relative to the package root. */
export const SEND_INVITATION_XAML =
  'solution/src/Workflows/SendInvitation-C1D4A9A2-7F1E-4B8E-9A55-0D6B2E8F3A11.xaml';

/** The package root: the nearest folder above this file holding package.json (works from dist/ too). */
export function packageRoot(start: string = __dirname): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`Cannot find the package root (a folder with package.json) above ${start}.`);
    dir = parent;
  }
  return dir;
}

/** The product's solution manifest, relative to the package root. */
export const PRODUCT_SOLUTION_XML = 'solution/src/Other/Solution.xml';

function readSource(root: string, relative: string, what: string): string {
  const file = path.join(root, relative);
  if (!fs.existsSync(file)) {
    throw new Error(
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

/** Writes the sample portal if the store holds no system user yet; returns whether it did. */
export async function seedStore(
  ops: EmulatorOperations,
  now: () => string = () => new Date().toISOString(),
): Promise<boolean> {
  if (ops.find('systemuser').length > 0) return false;
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
  await ops.transaction(async () => {
    await ops.create(
      'systemuser',
      {
        firstname: 'Avery',
        lastname: 'Admin',
        fullname: 'Avery Admin',
        internalemailaddress: 'avery.admin@example.com',
        domainname: 'avery.admin@example.com',
        azureactivedirectoryobjectid: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e00aa',
      },
      ctx,
      SEED.systemUserId,
    );
    await ops.create(
      'adx_website',
      { adx_name: 'Contoso Partner Portal', adx_partialurl: 'partners' },
      ctx,
      SEED.websiteId,
    );
    const website = { logicalName: 'adx_website', id: SEED.websiteId };
    const roles: Array<[string, string, boolean]> = [
      [SEED.webRoles.authenticated, 'Authenticated Users', true],
      [SEED.webRoles.partners, 'Partners', false],
      [SEED.webRoles.administrators, 'Administrators', false],
    ];
    for (const [id, name, authenticated] of roles) {
      await ops.create(
        'adx_webrole',
        { adx_name: name, adx_websiteid: website, adx_authenticatedusersrole: authenticated },
        ctx,
        id,
      );
    }
    await ops.create(
      'account',
      { name: 'Contoso Partners', emailaddress1: 'partners@example.com' },
      ctx,
      SEED.accountId,
    );
    for (const [key, firstname, lastname, email] of CONTACTS) {
      await ops.create('contact', { firstname, lastname, emailaddress1: email }, ctx, SEED.contacts[key]);
    }
    await ops.create(
      'workflow',
      {
        name: SEND_INVITATION_WORKFLOW_NAME,
        uniquename: 'SendInvitation',
        primaryentity: 'adx_invitation',
        xaml,
        category: 0,
        type: 1,
        mode: 0,
        scope: 4,
        ondemand: true,
        statecode: 1,
        statuscode: 2,
        description: `Sends the invitation e-mail to the invited contact. Seeded ${now().slice(0, 10)}.`,
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
