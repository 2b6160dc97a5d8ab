/**
 * grantInvitationRoles over the Web API (nock): one `$batch` reads both models' links, each role
 * not held is linked through its own model's N:N on the role table (never mspp_webrole), a model
 * without tables is skipped, and a missing invitation is an error.
 */
import nock from 'nock';
import { grantInvitationRoles } from '../../sdk/sites/index';
import { API, batchReply, ORG, orgClient, resetNock, roleLinksReply } from '../invitations/nock-support';

const INV = '10000000-0000-0000-0000-000000000001';
const CONTACT = '20000000-0000-0000-0000-000000000001';
const ROLE = '30000000-0000-0000-0000-000000000001';
const COMPONENT = '40000000-0000-0000-0000-000000000001';
const HELD = '40000000-0000-0000-0000-000000000002';
const contactRef = { '@odata.id': `${ORG}${API}/contacts(${CONTACT})` };

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

test('reads both models in one $batch and links each missing role through its model', async () => {
  let batch = '';
  const scope = nock(ORG)
    .post(`${API}/$batch`, (body: string) => {
      batch = body;
      return true;
    })
    .reply(
      ...roleLinksReply({
        granted: { standard: [ROLE], enhanced: [COMPONENT, HELD] },
        held: { standard: [], enhanced: [HELD] },
      }),
    )
    .post(`${API}/adx_webroles(${ROLE})/adx_webrole_contact/$ref`, contactRef)
    .reply(204)
    .post(`${API}/powerpagecomponents(${COMPONENT})/powerpagecomponent_mspp_webrole_contact/$ref`, contactRef)
    .reply(204);
  const added = await grantInvitationRoles(orgClient(), { invitationId: INV, contactId: CONTACT });
  scope.done();
  expect(added).toEqual([ROLE, COMPONENT]);
  for (const path of [
    `adx_invitations(${INV})/adx_invitation_webrole?$select=adx_webroleid`,
    `adx_invitations(${INV})/adx_invitation_mspp_webrole_powerpagecomponent?$select=powerpagecomponentid`,
    `contacts(${CONTACT})/adx_webrole_contact?$select=adx_webroleid`,
    `contacts(${CONTACT})/powerpagecomponent_mspp_webrole_contact?$select=powerpagecomponentid`,
  ])
    expect(batch).toContain(path);
  expect(batch).not.toContain('mspp_webroles');
});

test('a model without tables is skipped, not an error', async () => {
  const scope = nock(ORG)
    .post(`${API}/$batch`)
    .reply(...roleLinksReply({ granted: { enhanced: [COMPONENT] }, held: { enhanced: [] } }))
    .post(`${API}/powerpagecomponents(${COMPONENT})/powerpagecomponent_mspp_webrole_contact/$ref`)
    .reply(204);
  expect(await grantInvitationRoles(orgClient(), { invitationId: INV, contactId: CONTACT })).toEqual([
    COMPONENT,
  ]);
  scope.done();
});

test('a link a concurrent run made first counts as held', async () => {
  const scope = nock(ORG)
    .post(`${API}/$batch`)
    .reply(
      ...roleLinksReply({
        granted: { standard: [ROLE], enhanced: [] },
        held: { standard: [], enhanced: [] },
      }),
    )
    .post(`${API}/adx_webroles(${ROLE})/adx_webrole_contact/$ref`)
    .reply(412, { error: { code: '0x80040237', message: 'Cannot insert duplicate key.' } });
  expect(await grantInvitationRoles(orgClient(), { invitationId: INV, contactId: CONTACT })).toEqual([]);
  scope.done();
});

test('an invitation that does not exist is an error', async () => {
  const notFound = {
    status: 404,
    json: { error: { code: '0x80040217', message: `adx_invitation With Id = ${INV} Does Not Exist` } },
  };
  const scope = nock(ORG)
    .post(`${API}/$batch`)
    .reply(
      ...batchReply(
        notFound,
        notFound,
        { status: 200, json: { value: [] } },
        { status: 200, json: { value: [] } },
      ),
    );
  await expect(
    grantInvitationRoles(orgClient(), { invitationId: INV, contactId: CONTACT }),
  ).rejects.toMatchObject({
    status: 404,
    code: '0x80040217',
  });
  scope.done();
});
