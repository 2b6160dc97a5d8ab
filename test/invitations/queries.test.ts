import nock from 'nock';
import { InvitationError } from '../../sdk/invitations/errors';
import { statusFilter } from '../../sdk/invitations/queries';
import { InvitationService } from '../../sdk/invitations/service';
import { API, collection, filterOf, ORG, orgClient, resetNock } from './nock-support';

const INV = '10000000-0000-0000-0000-000000000001';
const NOW = Date.parse('2026-06-01T00:00:00Z');

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('InvitationService.findByCode', () => {
  it('returns the Active invitation whose code matches exactly, case included', async () => {
    const scope = nock(ORG)
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
});

describe('InvitationService.list', () => {
  it('streams rows of every page with the status filter', async () => {
    const scope = nock(ORG)
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
