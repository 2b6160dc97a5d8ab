/**
 * One environment with a site of each data model whose role names overlap (Authenticated Users,
 * Partners): which site an invitation without `site` is for, and what is refused, with nothing
 * written.
 */
import { InvitationError, InvitationService } from '../../sdk/invitations/index';
import { invitationCount, SEED, startEnvironment, type SiteEnvironment } from './environment';

let env: SiteEnvironment;
let service: InvitationService;
beforeAll(async () => {
  env = await startEnvironment();
  service = new InvitationService(env.client);
});
afterAll(() => env.close());

async function refusal(input: Parameters<InvitationService['create']>[0]): Promise<InvitationError> {
  const before = await invitationCount(env.client);
  const error = await service.create(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvitationError);
  expect(await invitationCount(env.client)).toBe(before);
  return error as InvitationError;
}

describe('a mixed environment, without `site`', () => {
  test('a role name found in several sites is refused, naming those sites, and nothing is written', async () => {
    const error = await refusal({ type: 'single', contact: SEED.contacts.alice, webRoles: ['Partners'] });
    expect(error.reason).toBe('invalid');
    expect(error.message).toContain('web role "Partners" is a role of several sites');
    expect(error.message).toContain(`Contoso Partner Portal (standard data model, ${SEED.websiteId})`);
    expect(error.message).toContain(`Fabrikam Partners (enhanced data model, ${SEED.enhancedSiteId})`);
    expect(error.message).toMatch(/--site <name\|id>/);
  });

  test('a role name found in one site only picks that site', async () => {
    const suppliers = await service.create({
      type: 'single',
      contact: SEED.contacts.bob,
      webRoles: ['suppliers'],
    });
    expect(suppliers.site).toMatchObject({ id: SEED.enhancedSiteId, dataModel: 'enhanced' });
    expect(suppliers.webRoles).toEqual([expect.objectContaining({ id: SEED.enhancedWebRoles.suppliers })]);
    const admins = await service.create({
      type: 'single',
      contact: SEED.contacts.bob,
      webRoles: ['Administrators'],
    });
    expect(admins.site).toMatchObject({ id: SEED.websiteId, dataModel: 'standard' });
  });

  test('the invitation row carries the chosen site’s lookup and the roles in that model’s N:N', async () => {
    const created = await service.create({
      type: 'single',
      contact: SEED.contacts.bob,
      webRoles: ['Suppliers'],
    });
    const row = await env.client.retrieve('adx_invitations', created.id, {
      select: ['_mspp_websiteid_value', '_adx_website_value'],
      expand:
        'adx_invitation_webrole($select=adx_webroleid),adx_invitation_mspp_webrole_powerpagecomponent($select=powerpagecomponentid)',
    });
    expect(row._mspp_websiteid_value).toBe(SEED.enhancedSiteId);
    expect(row._adx_website_value).toBeNull();
    expect(row.adx_invitation_webrole).toEqual([]);
    expect(row.adx_invitation_mspp_webrole_powerpagecomponent).toEqual([
      expect.objectContaining({ powerpagecomponentid: SEED.enhancedWebRoles.suppliers }),
    ]);
  });

  test('roles that belong to different sites are refused: an invitation is for one site', async () => {
    const error = await refusal({
      type: 'single',
      contact: SEED.contacts.alice,
      webRoles: ['Suppliers', 'Administrators'],
    });
    expect(error.message).toMatch(/roles of different sites/);
  });

  test('a role id decides the site by itself', async () => {
    const created = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      webRoles: [SEED.enhancedWebRoles.partners],
    });
    expect(created.site?.id).toBe(SEED.enhancedSiteId);
  });
});

describe('a mixed environment, with `site`', () => {
  test('the same role name resolves in the named site’s model', async () => {
    const enhanced = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      site: 'fabrikam partners',
      webRoles: ['Partners'],
    });
    expect(enhanced.webRoleIds).toEqual([SEED.enhancedWebRoles.partners]);
    const standard = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      site: SEED.websiteId,
      webRoles: ['Partners'],
    });
    expect(standard.webRoleIds).toEqual([SEED.webRoles.partners]);
  });

  test('a role of another site is refused, saying where the role is', async () => {
    const error = await refusal({
      type: 'single',
      contact: SEED.contacts.alice,
      site: 'Contoso Partner Portal',
      webRoles: ['Suppliers'],
    });
    expect(error.message).toMatch(
      /web role "Suppliers" is not a role of site Contoso Partner Portal .*; it is a role of Fabrikam Partners/,
    );
  });

  test('an unknown site is refused, listing the sites there are', async () => {
    const error = await refusal({ type: 'single', contact: SEED.contacts.alice, site: 'Northwind' });
    expect(error.message).toMatch(
      /unknown site "Northwind": no site is named "Northwind"\. Sites in this environment: /,
    );
  });

  test('a site without roles sets only the site lookup', async () => {
    const created = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      site: 'Fabrikam Partners',
    });
    expect(created).toMatchObject({ powerPageSiteId: SEED.enhancedSiteId, webRoleIds: [] });
  });
});

describe('createMany in a mixed environment', () => {
  test('each row follows the rule on its own: a refused row fails alone, others are created for their site', async () => {
    const rows = [
      { type: 'single' as const, contact: 'alice.adams@example.com', webRoles: ['Partners'] },
      {
        type: 'single' as const,
        contact: 'bob.brown@example.com',
        site: 'Fabrikam Partners',
        webRoles: ['Partners'],
      },
      {
        type: 'single' as const,
        contact: 'erin.evans@example.com',
        site: 'Contoso Partner Portal',
        webRoles: ['Partners'],
      },
    ];
    const results = [];
    for await (const result of service.createMany(rows)) results.push(result);
    expect(results.map((r) => r.status)).toEqual(['failed', 'created', 'created']);
    expect(results[0].reason).toMatch(/a role of several sites/);
    const [, enhanced, standard] = await Promise.all(
      results.map((r) =>
        r.id
          ? env.client.retrieve('adx_invitations', r.id, {
              select: ['_mspp_websiteid_value', '_adx_website_value'],
              expand:
                'adx_invitation_webrole($select=adx_webroleid),adx_invitation_mspp_webrole_powerpagecomponent($select=powerpagecomponentid)',
            })
          : undefined,
      ),
    );
    expect(enhanced).toMatchObject({ _mspp_websiteid_value: SEED.enhancedSiteId });
    expect(enhanced?.adx_invitation_mspp_webrole_powerpagecomponent).toEqual([
      expect.objectContaining({ powerpagecomponentid: SEED.enhancedWebRoles.partners }),
    ]);
    expect(standard).toMatchObject({ _adx_website_value: SEED.websiteId });
    expect(standard?.adx_invitation_webrole).toEqual([
      expect.objectContaining({ adx_webroleid: SEED.webRoles.partners }),
    ]);
  });
});
