/**
 * Both data models end to end on the emulator, as a Power Pages admin runs them: create an
 * invitation for a site, send it (the e-mail), redeem the code, and let the redemption step the
 * emulator posts to the webhook host grant the roles through the site's own N:N.
 */
import { InvitationService } from '../../sdk/invitations/index';
import { SiteService } from '../../sdk/sites/index';
import { heldRoles, SEED, startEnvironment, type SiteEnvironment } from './environment';

let env: SiteEnvironment;
beforeAll(async () => {
  env = await startEnvironment({ webhooks: true });
});
afterAll(() => env.close());

const later = () => new Date(Date.now() + 7 * 86_400_000);

async function sentEmails(invitationId: string): Promise<number> {
  return env.client.count('emails', { filter: `_regardingobjectid_value eq ${invitationId}` });
}

describe('an enhanced-model site end to end (webhook redemption)', () => {
  test('create → send → redeem grants Partners and Suppliers of Fabrikam Partners as web role components', async () => {
    const service = new InvitationService(env.client);
    const invitation = await service.create({
      type: 'single',
      contact: 'carol.chen@example.org',
      site: 'Fabrikam Partners',
      webRoles: ['Partners', 'Suppliers'],
      expiresOn: later(),
    });
    expect(invitation.site).toMatchObject({ id: SEED.enhancedSiteId, dataModel: 'enhanced' });
    expect(invitation.webRoleIds.sort()).toEqual(
      [SEED.enhancedWebRoles.partners, SEED.enhancedWebRoles.suppliers].sort(),
    );

    const [sent] = await service.send(invitation.id);
    expect(sent.status).toBe('sent');
    expect(await sentEmails(invitation.id)).toBe(1);

    await service.redeem(invitation.code!, { contactId: SEED.contacts.carol });
    await env.emulator.whenIdle();

    expect(await heldRoles(env.client, SEED.contacts.carol, 'enhanced')).toEqual(
      [SEED.enhancedWebRoles.partners, SEED.enhancedWebRoles.suppliers].sort(),
    );
    expect(await heldRoles(env.client, SEED.contacts.carol, 'standard')).toEqual([]);
  });

  test('findByCode reports the site and the role names', async () => {
    const service = new InvitationService(env.client);
    const created = await service.create({
      type: 'single',
      contact: SEED.contacts.erin,
      site: SEED.enhancedSiteId,
      webRoles: ['Suppliers'],
    });
    const found = await service.findByCode(created.code!);
    expect(found?.site).toMatchObject({ name: 'Fabrikam Partners', dataModel: 'enhanced' });
    expect(found?.webRoles).toEqual([
      expect.objectContaining({
        id: SEED.enhancedWebRoles.suppliers,
        name: 'Suppliers',
        dataModel: 'enhanced',
      }),
    ]);
  });
});

describe('a standard-model site end to end (webhook redemption)', () => {
  test('create → send → redeem grants the site’s adx_webrole rows through adx_webrole_contact', async () => {
    const service = new InvitationService(env.client);
    const invitation = await service.create({
      type: 'single',
      contact: 'dan.diaz@example.org',
      site: 'Contoso Partner Portal',
      webRoles: ['Partners', 'Administrators'],
      account: 'Contoso Partners',
    });
    expect(invitation.site).toMatchObject({ id: SEED.websiteId, dataModel: 'standard' });
    expect((await service.send(invitation.id))[0].status).toBe('sent');
    await service.redeem(invitation.code!, { contactId: SEED.contacts.dan });
    await env.emulator.whenIdle();
    expect(await heldRoles(env.client, SEED.contacts.dan, 'standard')).toEqual(
      [SEED.webRoles.partners, SEED.webRoles.administrators].sort(),
    );
    expect(await heldRoles(env.client, SEED.contacts.dan, 'enhanced')).toEqual([]);
  });
});

test('SiteService lists both seeded sites with their models', async () => {
  const sites = await new SiteService(env.client).list();
  expect(sites).toEqual([
    { id: SEED.websiteId, name: 'Contoso Partner Portal', dataModel: 'standard', active: true },
    {
      id: SEED.enhancedSiteId,
      name: 'Fabrikam Partners',
      dataModel: 'enhanced',
      primaryDomain: 'fabrikam-partners.powerappsportals.com',
      active: true,
    },
  ]);
});
