import nock from 'nock';
import { InvitationError } from '../../sdk/invitations/errors';
import { InvitationService } from '../../sdk/invitations/service';
import { API, collection, filterOf, ORG, orgClient, resetNock } from './nock-support';

const CONTACT = '11111111-0000-0000-0000-000000000001';
const CONTACT2 = '11111111-0000-0000-0000-000000000002';
const ACCOUNT = '22222222-0000-0000-0000-000000000001';
const ROLE_A = '33333333-0000-0000-0000-00000000000a';
const ROLE_B = '33333333-0000-0000-0000-00000000000b';
const WORKFLOW = '44444444-0000-0000-0000-000000000001';
const ID = '55555555-0000-0000-0000-000000000001';
const SITE = '66666666-0000-0000-0000-000000000001';
const noTable = (set: string) => ({
  error: { code: '0x8006088a', message: `Resource not found for the segment '${set}'.` },
});

/** An environment with one standard-model site and no enhanced-model tables. */
function standardSiteOnly(scope: nock.Scope): nock.Scope {
  return scope
    .get(`${API}/powerpagesites`)
    .query(true)
    .reply(404, noTable('powerpagesites'))
    .get(`${API}/powerpagecomponents`)
    .query(true)
    .reply(404, noTable('powerpagecomponents'))
    .get(`${API}/adx_websites`)
    .query(true)
    .reply(200, collection([{ adx_websiteid: SITE, adx_name: 'Contoso Portal', statecode: 0 }]));
}
const now = () => Date.parse('2026-06-01T00:00:00Z');

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

function created(body: Record<string, unknown>) {
  return { ...body, adx_invitationid: ID, statecode: 0, statuscode: 1, '@odata.etag': 'W/"1"' };
}

describe('InvitationService.create', () => {
  it('resolves each kind of reference with one query and writes the invitation with its links in one request', async () => {
    let posted: Record<string, unknown> = {};
    const scope = standardSiteOnly(nock(ORG))
      .get(`${API}/contacts`)
      .query((q) => filterOf(q).includes("emailaddress1 eq 'ann@example.com'"))
      .reply(200, collection([{ contactid: CONTACT, emailaddress1: 'ann@example.com' }]))
      .get(`${API}/accounts`)
      .query((q) => filterOf(q) === "name eq 'Contoso'")
      .reply(200, collection([{ accountid: ACCOUNT, name: 'Contoso' }]))
      .get(`${API}/adx_webroles`)
      .query((q) => filterOf(q) === "(adx_name eq 'Partners' or adx_name eq 'Staff')")
      .reply(
        200,
        collection([
          { adx_webroleid: ROLE_A, adx_name: 'Partners', _adx_websiteid_value: SITE },
          { adx_webroleid: ROLE_B, adx_name: 'Staff', _adx_websiteid_value: SITE },
        ]),
      )
      .get(`${API}/workflows`)
      .query((q) => filterOf(q).startsWith('type eq 1 and statecode eq 1 and'))
      .reply(200, collection([{ workflowid: WORKFLOW, name: 'Welcome', primaryentity: 'contact' }]))
      .post(`${API}/adx_invitations`, (body) => {
        posted = body;
        return true;
      })
      .query(true)
      .reply(201, (_uri, body) => created(body as Record<string, unknown>));

    const result = await new InvitationService(orgClient(), { now }).create({
      id: ID,
      type: 'single',
      contact: 'ann@example.com',
      account: 'Contoso',
      webRoles: ['Partners', 'Staff'],
      redemptionWorkflow: 'Welcome',
      code: undefined,
    });

    scope.done();
    expect(posted['adx_inviteContact@odata.bind']).toBe(`/contacts(${CONTACT})`);
    expect(posted['adx_assignToAccount@odata.bind']).toBe(`/accounts(${ACCOUNT})`);
    expect(posted['adx_redemptionWorkflow@odata.bind']).toBe(`/workflows(${WORKFLOW})`);
    expect(posted['adx_invitation_webrole@odata.bind']).toEqual([
      `/adx_webroles(${ROLE_A})`,
      `/adx_webroles(${ROLE_B})`,
    ]);
    expect(posted['adx_website@odata.bind']).toBe(`/adx_websites(${SITE})`);
    expect(posted).not.toHaveProperty('mspp_websiteid@odata.bind');
    expect(posted['adx_maximumredemptions']).toBe(1);
    expect(posted['adx_invitationcode']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.webRoleIds).toEqual([ROLE_A, ROLE_B]);
    expect(result.inviteContactIds).toEqual([CONTACT]);
    expect(result.site).toMatchObject({ id: SITE, name: 'Contoso Portal', dataModel: 'standard' });
  });

  it('links a group invitation’s contacts with an @odata.bind array and no invited-contact lookup', async () => {
    let posted: Record<string, unknown> = {};
    const scope = nock(ORG)
      .get(`${API}/contacts`)
      .query(true)
      .reply(
        200,
        collection([
          { contactid: CONTACT, emailaddress1: 'a@example.com' },
          { contactid: CONTACT2, emailaddress1: null },
        ]),
      )
      .get(`${API}/adx_invitations`)
      .query((q) => filterOf(q).startsWith("adx_invitationcode eq 'GIVEN-CODE-0123456789abcdef'"))
      .reply(200, collection([]))
      .post(`${API}/adx_invitations`, (body) => {
        posted = body;
        return true;
      })
      .query(true)
      .reply(201, (_uri, body) => created(body as Record<string, unknown>));

    await new InvitationService(orgClient(), { now }).create({
      id: ID,
      type: 'group',
      contacts: [CONTACT, CONTACT2],
      maxRedemptions: 5,
      code: 'GIVEN-CODE-0123456789abcdef',
    });

    scope.done();
    expect(posted['adx_invitation_invitecontacts@odata.bind']).toEqual([
      `/contacts(${CONTACT})`,
      `/contacts(${CONTACT2})`,
    ]);
    expect(posted['adx_inviteContact@odata.bind']).toBeUndefined();
    expect(posted['adx_maximumredemptions']).toBe(5);
  });

  it('refuses a redemption workflow that does not run on contact, saying which table it runs on', async () => {
    const scope = nock(ORG)
      .get(`${API}/contacts`)
      .query(true)
      .reply(200, collection([{ contactid: CONTACT, emailaddress1: 'a@example.com' }]))
      .get(`${API}/workflows`)
      .query((q) => String(q['$select']).includes('primaryentity'))
      .reply(
        200,
        collection([{ workflowid: WORKFLOW, name: 'Send Invitation', primaryentity: 'adx_invitation' }]),
      );

    const error = await new InvitationService(orgClient(), { now })
      .create({ type: 'single', contact: CONTACT, redemptionWorkflow: 'Send Invitation' })
      .catch((e: unknown) => e);

    scope.done();
    expect(error).toBeInstanceOf(InvitationError);
    expect((error as InvitationError).message).toMatch(
      /"send invitation" \(runs on adx_invitation, not contact; a redemption workflow must have primary entity contact\)/,
    );
  });

  it('names every unknown web role and says how to fix it, writing nothing', async () => {
    const scope = standardSiteOnly(nock(ORG))
      .get(`${API}/contacts`)
      .query(true)
      .reply(200, collection([{ contactid: CONTACT, emailaddress1: 'a@example.com' }]))
      .get(`${API}/adx_webroles`)
      .query(true)
      .reply(200, collection([{ adx_webroleid: ROLE_A, adx_name: 'Partners', _adx_websiteid_value: SITE }]));

    const error = await new InvitationService(orgClient(), { now })
      .create({ type: 'single', contact: CONTACT, webRoles: ['Partners', 'Ghosts'] })
      .catch((e: unknown) => e);

    scope.done();
    expect(error).toBeInstanceOf(InvitationError);
    expect((error as InvitationError).reason).toBe('invalid');
    expect((error as InvitationError).message).toMatch(
      /web role "Ghosts" is not a role of site Contoso Portal \(standard data model, [0-9a-f-]+\)\. Check the web role id/,
    );
    expect((error as InvitationError).message).not.toMatch(/"Partners"/);
  });

  it('refuses a single invitation for two contacts before any request', async () => {
    const error = await new InvitationService(orgClient(), { now })
      .create({ type: 'single', contacts: [CONTACT, CONTACT2] })
      .catch((e: unknown) => e);
    expect((error as InvitationError).message).toMatch(/exactly one contact/);
  });

  it('reports a contact e-mail shared by two contacts as ambiguous', async () => {
    const scope = nock(ORG)
      .get(`${API}/contacts`)
      .query(true)
      .reply(
        200,
        collection([
          { contactid: CONTACT, emailaddress1: 'twin@example.com' },
          { contactid: CONTACT2, emailaddress1: 'Twin@example.com' },
        ]),
      );
    const error = await new InvitationService(orgClient(), { now })
      .create({ type: 'single', contact: 'twin@example.com' })
      .catch((e: unknown) => e);
    scope.done();
    expect((error as InvitationError).message).toMatch(/ambiguous: 2 contacts have this e-mail/);
  });
});
