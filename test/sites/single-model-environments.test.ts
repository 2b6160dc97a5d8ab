/**
 * Environments with one data model's tables: without the standard tables (every site created
 * since 2023) and without the enhanced ones. The absent model is not an error anywhere: listing
 * sites, creating, redeeming (in-process handlers) and reading invitations back.
 */
import { InvitationService } from '../../sdk/invitations/index';
import { SiteService } from '../../sdk/sites/index';
import { heldRoles, SEED, startEnvironment, type SiteEnvironment } from './environment';

describe('an environment without the standard tables', () => {
  let env: SiteEnvironment;
  beforeAll(async () => {
    env = await startEnvironment({ dataModel: 'enhanced' });
  });
  afterAll(() => env.close());

  test('SiteService lists its one site and records the standard model as absent', async () => {
    const directory = await new SiteService(env.client).directory();
    expect(directory.models).toEqual({ enhanced: true, standard: false });
    expect(directory.sites.map((s) => s.name)).toEqual(['Fabrikam Partners']);
    expect(await new SiteService(env.client).find('FABRIKAM partners')).toMatchObject({
      id: SEED.enhancedSiteId,
    });
  });

  test('a role name without a site uses the one site; redemption grants it in process', async () => {
    const service = new InvitationService(env.client, { handlers: 'in-process' });
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      webRoles: ['Partners', 'Authenticated Users'],
    });
    expect(invitation.site?.id).toBe(SEED.enhancedSiteId);
    const result = await service.redeem(invitation.code!, { contactId: SEED.contacts.alice });
    expect(result.handlersError).toBeUndefined();
    expect(result.handlers?.rolesAdded.sort()).toEqual(
      [SEED.enhancedWebRoles.partners, SEED.enhancedWebRoles.authenticated].sort(),
    );
    expect(await heldRoles(env.client, SEED.contacts.alice, 'enhanced')).toEqual(
      [SEED.enhancedWebRoles.authenticated, SEED.enhancedWebRoles.partners].sort(),
    );
  });

  test('a second application of the same redemption adds nothing', async () => {
    const service = new InvitationService(env.client, { handlers: 'in-process' });
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.bob,
      webRoles: ['Suppliers'],
    });
    const { redemptionId } = await service.redeem(invitation.code!, { contactId: SEED.contacts.bob });
    expect(await service.applyRedemption(redemptionId)).toMatchObject({ rolesAdded: [] });
    expect(await heldRoles(env.client, SEED.contacts.bob, 'enhanced')).toEqual([
      SEED.enhancedWebRoles.suppliers,
    ]);
  });

  test('list reads invitations with their enhanced site and roles', async () => {
    const names: string[] = [];
    for await (const invitation of new InvitationService(env.client).list()) {
      names.push(`${invitation.site?.name}: ${invitation.webRoles.map((r) => r.name).join(', ')}`);
    }
    expect(names).toContain('Fabrikam Partners: Suppliers');
  });
});

describe('an environment without the enhanced tables', () => {
  let env: SiteEnvironment;
  beforeAll(async () => {
    env = await startEnvironment({ dataModel: 'standard' });
  });
  afterAll(() => env.close());

  test('a role name without a site uses the standard site; redemption grants it', async () => {
    const service = new InvitationService(env.client, { handlers: 'in-process' });
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.carol,
      webRoles: ['Partners'],
    });
    expect(invitation.site).toMatchObject({ id: SEED.websiteId, dataModel: 'standard' });
    await service.redeem(invitation.code!, { contactId: SEED.contacts.carol });
    expect(await heldRoles(env.client, SEED.contacts.carol, 'standard')).toEqual([SEED.webRoles.partners]);
    expect((await service.findByCode(invitation.code!))?.webRoles.map((r) => r.name)).toEqual(['Partners']);
  });
});
