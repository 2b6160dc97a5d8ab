import nock from 'nock';
import { InvitationService } from '../../sdk/invitations/service';
import {
  API,
  batchGetReply,
  changeSetReply,
  collection,
  ORG,
  orgClient,
  resetNock,
  roleLinksReply,
} from './nock-support';

const INV = '10000000-0000-0000-0000-000000000001';
const CONTACT = '20000000-0000-0000-0000-000000000001';
const REDEMPTION = '60000000-0000-0000-0000-000000000001';
const CODE = 'Abc-123_xyz-0123456789ab';
const now = () => Date.parse('2026-06-01T00:00:00Z');
const refused = {
  error: { code: '0x80040220', message: 'Principal user is missing prvReadadx_invitation.' },
};

const invitation = {
  '@odata.etag': 'W/"7"',
  adx_invitationid: INV,
  adx_type: 756150000,
  adx_invitationcode: CODE,
  adx_redemptions: 0,
  statecode: 0,
  statuscode: 756150000,
  _adx_invitecontact_value: CONTACT,
  adx_invitation_redeemedcontacts: [],
  adx_invitation_invitecontacts: [],
};

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('a committed redemption whose in-process handlers fail', () => {
  it('returns the redemption with handlersError instead of throwing', async () => {
    const scope = nock(ORG)
      .post(`${API}/$batch`, (body: string) => !body.includes('changeset'))
      .reply(...batchGetReply(collection([invitation]), collection([{ contactid: CONTACT, statecode: 0 }])))
      .post(`${API}/$batch`, (body: string) => body.includes('changeset'))
      .reply(...changeSetReply([204, 204]))
      .get(`${API}/adx_invitations(${INV})`)
      .query(true)
      .reply(403, refused)
      .get(`${API}/contacts(${CONTACT})`)
      .query(true)
      .reply(200, { contactid: CONTACT })
      .get(`${API}/adx_inviteredemptions(${REDEMPTION})`)
      .query(true)
      .reply(200, { activityid: REDEMPTION, statecode: 0 });

    const result = await new InvitationService(orgClient(), {
      now,
      handlers: 'in-process',
      newId: () => REDEMPTION,
    }).redeem(CODE, { contactId: CONTACT });

    scope.done();
    expect(result).toMatchObject({
      invitationId: INV,
      contactId: CONTACT,
      redemptionId: REDEMPTION,
      redemptions: 1,
    });
    expect(result.handlers).toBeUndefined();
    expect(result.handlersError).toMatch(/prvReadadx_invitation/);
  });
});

describe('InvitationService.applyRedemption', () => {
  it('finds the invitation and contact from the redemption and applies it, reading without the cache', async () => {
    const scope = nock(ORG)
      .matchHeader('If-None-Match', 'null')
      .get(`${API}/adx_inviteredemptions(${REDEMPTION})`)
      .query((q) => String(q['$expand']).startsWith('adx_inviteredemption_activity_parties'))
      .reply(200, {
        activityid: REDEMPTION,
        _regardingobjectid_value: INV,
        adx_inviteredemption_activity_parties: [{ _partyid_value: CONTACT, participationtypemask: 11 }],
      })
      .get(`${API}/adx_invitations(${INV})`)
      .query(true)
      .reply(200, { adx_invitationid: INV })
      .get(`${API}/contacts(${CONTACT})`)
      .query(true)
      .reply(200, { contactid: CONTACT })
      .get(`${API}/adx_inviteredemptions(${REDEMPTION})`)
      .query((q) => !('$expand' in q))
      .reply(200, { activityid: REDEMPTION, statecode: 0 });
    const close = nock(ORG)
      .post(`${API}/$batch`)
      .reply(
        ...roleLinksReply({ granted: { standard: [], enhanced: [] }, held: { standard: [], enhanced: [] } }),
      )
      .patch(`${API}/adx_inviteredemptions(${REDEMPTION})`, { statecode: 1, statuscode: 2 })
      .reply(204);

    const result = await new InvitationService(orgClient()).applyRedemption(REDEMPTION);

    scope.done();
    close.done();
    expect(result).toEqual({ accountAssigned: false, rolesAdded: [], workflowStarted: false });
  });

  it('says the redemption does not exist for an unknown id', async () => {
    const scope = nock(ORG)
      .get(`${API}/adx_inviteredemptions(${REDEMPTION})`)
      .query(true)
      .reply(404, { error: { code: '0x80040217', message: 'adx_inviteredemption Does Not Exist' } });
    const error = await new InvitationService(orgClient())
      .applyRedemption(REDEMPTION)
      .catch((e: unknown) => e);
    scope.done();
    expect(error).toMatchObject({
      reason: 'not_found',
      message: expect.stringMatching(/check the redemption id/),
    });
  });
});
