/**
 * During a migration an invitation may carry web roles of both data models (the migration copies
 * the standard site's links beside the new ones): redemption grants both, each through its own
 * model's N:N, and once only.
 */
import { readInvitationRoles, grantInvitationRoles } from '../../sdk/sites/index';
import { heldRoles, SEED, startEnvironment, type SiteEnvironment } from './environment';

let env: SiteEnvironment;
beforeAll(async () => {
  env = await startEnvironment();
});
afterAll(() => env.close());

test('an invitation with roles of both models grants both, and a second run adds nothing', async () => {
  const invitationId = await env.client.create('adx_invitations', {
    adx_name: 'migrated invitation',
    adx_type: 756150000,
    'adx_website@odata.bind': `/adx_websites(${SEED.websiteId})`,
    'mspp_websiteid@odata.bind': `/powerpagesites(${SEED.enhancedSiteId})`,
    'adx_invitation_webrole@odata.bind': [`/adx_webroles(${SEED.webRoles.partners})`],
    'adx_invitation_mspp_webrole_powerpagecomponent@odata.bind': [
      `/powerpagecomponents(${SEED.enhancedWebRoles.partners})`,
    ],
  });
  expect(await readInvitationRoles(env.client, invitationId)).toEqual({
    standard: [SEED.webRoles.partners],
    enhanced: [SEED.enhancedWebRoles.partners],
  });

  const first = await grantInvitationRoles(env.client, { invitationId, contactId: SEED.contacts.erin });
  expect(first).toEqual([SEED.webRoles.partners, SEED.enhancedWebRoles.partners]);
  expect(await heldRoles(env.client, SEED.contacts.erin, 'standard')).toEqual([SEED.webRoles.partners]);
  expect(await heldRoles(env.client, SEED.contacts.erin, 'enhanced')).toEqual([
    SEED.enhancedWebRoles.partners,
  ]);

  expect(await grantInvitationRoles(env.client, { invitationId, contactId: SEED.contacts.erin })).toEqual([]);
});
