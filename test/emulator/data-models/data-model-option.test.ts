/**
 * `dataModel`: an emulator started with one model's tables answers for the other model's entity
 * sets, navigation properties and lookups as an environment without those tables does (404
 * "Resource not found for the segment", or Dataverse's "undeclared property"), and its seed holds
 * only its own site.
 */
import { SEED } from '../../../emulator/core';
import { startEmulator } from '../../../emulator/index';
import { InvalidArgumentError } from '../../../sdk/errors';
import { startTestEmulator, type TestEmulator } from '../core/helpers';

describe('an emulator with only the enhanced data model', () => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator({ dataModel: 'enhanced' });
  });
  afterAll(() => em.close());

  test('the standard tables answer 404 "Resource not found for the segment"', async () => {
    for (const set of ['adx_websites', 'adx_webroles']) {
      const res = await em.request('GET', set);
      expect(res.status).toBe(404);
      expect(res.json.error.message).toBe(`Resource not found for the segment '${set}'.`);
    }
  });

  test('the standard N:N are not navigation properties of invitation or contact', async () => {
    const invitations = await em.request('GET', 'adx_invitations?$expand=adx_invitation_webrole');
    expect(invitations.status).toBeGreaterThanOrEqual(400);
    const roles = await em.request('GET', `contacts(${SEED.contacts.alice})/adx_webrole_contact`);
    expect(roles.status).toBe(404);
  });

  test('the standard site lookup of an invitation is not a property', async () => {
    const select = await em.request('GET', 'adx_invitations?$select=_adx_website_value');
    expect(select.status).toBe(400);
    const bind = await em.request('POST', 'adx_invitations', {
      body: {
        adx_name: 'x',
        adx_type: 756150000,
        'adx_website@odata.bind': `/adx_websites(${SEED.websiteId})`,
      },
    });
    expect(bind.status).toBe(400);
  });

  test('serialised invitations carry only the enhanced site lookup', async () => {
    await em.request('POST', 'adx_invitations', { body: { adx_name: 'plain', adx_type: 756150000 } });
    const res = await em.request('GET', 'adx_invitations');
    expect(Object.keys(res.json.value[0])).toContain('_mspp_websiteid_value');
    expect(Object.keys(res.json.value[0])).not.toContain('_adx_website_value');
  });

  test('the service document lists the enhanced tables and not the standard ones', async () => {
    const names = (await em.request('GET', '')).json.value.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(['powerpagesites', 'powerpagecomponents', 'mspp_webroles']));
    expect(names).not.toContain('adx_websites');
  });

  test('the seed holds the enhanced site only', async () => {
    expect(em.core.ops.find('adx_website')).toEqual([]);
    expect(em.core.ops.retrieve('powerpagesite', SEED.enhancedSiteId)).toBeDefined();
  });
});

describe('an emulator with only the standard data model', () => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator({ dataModel: 'standard' });
  });
  afterAll(() => em.close());

  test('the enhanced tables and views answer 404', async () => {
    for (const set of ['powerpagesites', 'powerpagecomponents', 'mspp_webroles', 'mspp_websites']) {
      expect((await em.request('GET', set)).status).toBe(404);
    }
  });

  test('the standard tables answer with the seeded site and roles', async () => {
    const res = await em.request('GET', `adx_webroles?$select=adx_name&$orderby=adx_name`);
    expect(res.json.value.map((r: { adx_name: string }) => r.adx_name)).toEqual([
      'Administrators',
      'Authenticated Users',
      'Partners',
    ]);
    expect(em.core.ops.find('powerpagesite')).toEqual([]);
  });
});

test('an unknown data model is refused before anything starts', async () => {
  await expect(startEmulator({ dataModel: 'classic' as never })).rejects.toThrow(InvalidArgumentError);
});
