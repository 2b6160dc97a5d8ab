import nock from 'nock';
import { InvitationError } from '../../sdk/invitations/errors';
import { statusFilter } from '../../sdk/invitations/queries';
import { InvitationService } from '../../sdk/invitations/service';
import { API, collection, filterOf, ORG, orgClient, resetNock } from './nock-support';

const INV = '10000000-0000-0000-0000-000000000001';
const NOW = Date.parse('2026-06-01T00:00:00Z');
const SITE = '70000000-0000-0000-0000-000000000001';
const ENHANCED_SITE = '70000000-0000-0000-0000-000000000002';
const ROLE = '80000000-0000-0000-0000-000000000001';
const COMPONENT = '80000000-0000-0000-0000-000000000002';

/** The sites of an environment with both data models: one site each. */
function bothModels(scope: nock.Scope): nock.Scope {
  return scope
    .get(`${API}/powerpagesites`)
    .query(true)
    .reply(200, collection([{ powerpagesiteid: ENHANCED_SITE, name: 'Fabrikam', statecode: 0 }]))
    .get(`${API}/adx_websites`)
    .query(true)
    .reply(200, collection([{ adx_websiteid: SITE, adx_name: 'Contoso', statecode: 0 }]));
}

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('InvitationService.findByCode', () => {
  it('returns the Active invitation whose code matches exactly, case included', async () => {
    const scope = bothModels(nock(ORG))
      .get(`${API}/adx_invitations`)
      .query((q) => filterOf(q) === "adx_invitationcode eq 'aBc' and statecode eq 0")
      .reply(
        200,
        collection([
          { adx_invitationid: 'upper', adx_invitationcode: 'ABC' },
          { adx_invitationid: INV, adx_invitationcode: 'aBc', adx_type: 756150001 },
        ]),
      );
    const found = await new InvitationService(orgClient()).findByCode('aBc');
    scope.done();
    expect(found).toMatchObject({ id: INV, type: 'group', code: 'aBc' });
  });

  it("reports the invitation's site and its web roles of both data models by name", async () => {
    const scope = bothModels(nock(ORG))
      .get(`${API}/adx_invitations`)
      .query(
        (q) =>
          String(q['$select']).includes('_adx_website_value,_mspp_websiteid_value') &&
          String(q['$expand']) ===
            'adx_invitation_webrole($select=adx_webroleid,adx_name,_adx_websiteid_value,statecode),' +
              'adx_invitation_mspp_webrole_powerpagecomponent($select=powerpagecomponentid,name,_powerpagesiteid_value,statecode)',
      )
      .reply(
        200,
        collection([
          {
            adx_invitationid: INV,
            adx_invitationcode: 'code',
            _mspp_websiteid_value: ENHANCED_SITE,
            _adx_website_value: null,
            adx_invitation_webrole: [
              { adx_webroleid: ROLE, adx_name: 'Partners', _adx_websiteid_value: SITE },
            ],
            adx_invitation_mspp_webrole_powerpagecomponent: [
              { powerpagecomponentid: COMPONENT, name: 'Suppliers', _powerpagesiteid_value: ENHANCED_SITE },
            ],
          },
        ]),
      );
    const found = await new InvitationService(orgClient()).findByCode('code');
    scope.done();
    expect(found?.site).toEqual({ id: ENHANCED_SITE, name: 'Fabrikam', dataModel: 'enhanced', active: true });
    expect(found?.webRoles).toEqual([
      { id: ROLE, name: 'Partners', dataModel: 'standard', siteId: SITE },
      { id: COMPONENT, name: 'Suppliers', dataModel: 'enhanced', siteId: ENHANCED_SITE },
    ]);
  });

  it('asks only for what an environment without the standard tables has', async () => {
    const scope = nock(ORG)
      .get(`${API}/powerpagesites`)
      .query(true)
      .reply(200, collection([]))
      .get(`${API}/adx_websites`)
      .query(true)
      .reply(404, {
        error: { code: '0x8006088a', message: "Resource not found for the segment 'adx_websites'." },
      })
      .get(`${API}/adx_invitations`)
      .query(
        (q) =>
          !String(q['$select']).includes('_adx_website_value') &&
          String(q['$expand']).startsWith('adx_invitation_mspp_webrole_powerpagecomponent(') &&
          !String(q['$expand']).includes('adx_invitation_webrole'),
      )
      .reply(200, collection([{ adx_invitationid: INV, adx_invitationcode: 'code' }]));
    const found = await new InvitationService(orgClient()).findByCode('code');
    scope.done();
    expect(found).toMatchObject({ id: INV, webRoles: [] });
    expect(found?.site).toBeUndefined();
  });
});

describe('InvitationService.list', () => {
  it('streams rows of every page with the status filter', async () => {
    const scope = bothModels(nock(ORG))
      .get(`${API}/adx_invitations`)
      .query((q) => filterOf(q) === 'statecode eq 1')
      .reply(200, {
        value: [{ adx_invitationid: 'a' }],
        '@odata.nextLink': `${ORG}${API}/adx_invitations?page=2`,
      })
      .get(`${API}/adx_invitations`)
      .query({ page: '2' })
      .reply(200, collection([{ adx_invitationid: 'b' }]));
    const ids: string[] = [];
    for await (const inv of new InvitationService(orgClient()).list({ status: 'inactive' })) ids.push(inv.id);
    scope.done();
    expect(ids).toEqual(['a', 'b']);
  });

  it('defines expired as Active, not redeemed, with an expiry date before the portal now', () => {
    expect(statusFilter('expired', NOW)).toBe(
      'statecode eq 0 and statuscode ne 756150001 and adx_expirydate lt 2026-06-01T00:00:00.000Z',
    );
  });

  it('keeps invitations expiring exactly now in new and sent (the portal and redeem still accept them)', () => {
    expect(statusFilter('new', NOW)).toContain(
      '(adx_expirydate eq null or adx_expirydate ge 2026-06-01T00:00:00.000Z)',
    );
  });
});

describe('InvitationService.revoke', () => {
  it('sets the invitation Inactive (state 1, status 2) without creating a row', async () => {
    const scope = nock(ORG)
      .patch(`${API}/adx_invitations(${INV})`, { statecode: 1, statuscode: 2 })
      .matchHeader('If-Match', '*')
      .reply(204);
    await new InvitationService(orgClient()).revoke(INV);
    scope.done();
  });

  it('reports an unknown id as not_found', async () => {
    const scope = nock(ORG)
      .patch(`${API}/adx_invitations(${INV})`)
      .reply(404, { error: { code: '0x80040217', message: 'adx_invitation Does Not Exist' } });
    const error = await new InvitationService(orgClient()).revoke(INV).catch((e: unknown) => e);
    scope.done();
    expect((error as InvitationError).reason).toBe('not_found');
  });
});
