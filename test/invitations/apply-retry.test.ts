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

/** The activity after a PATCH of it: a new etag, and the description that was written. */
const echo =
  (etag: string) =>
  (_uri: string, body: nock.Body): nock.ReplyFnResult => [
    200,
    {
      '@odata.etag': etag,
      activityid: REDEMPTION,
      description: (body as Record<string, unknown>).description,
    },
  ];

const invitation = {
  '@odata.etag': 'W/"7"',
  adx_invitationid: INV,
  adx_type: 756150000,
  adx_invitationcode: CODE,
  adx_redemptions: 0,
  statecode: 0,
  statuscode: 756150000,
  _adx_invitecontact_value: CONTACT,
  adx_invitation_webrole: [],
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
      .get(`${API}/adx_inviteredemptions(${REDEMPTION})`)
      .query(true)
      .reply(200, { '@odata.etag': 'W/"1"', activityid: REDEMPTION, statecode: 0 })
      .patch(`${API}/adx_inviteredemptions(${REDEMPTION})`, (b) => typeof b.scheduledend === 'string')
      .query(true)
      .reply(echo('W/"2"'))
      .get(`${API}/adx_invitations(${INV})`)
      .query(true)
      .reply(403, refused)
      .get(`${API}/contacts(${CONTACT})`)
      .query(true)
      .reply(200, { contactid: CONTACT })
      // The claim is given back, so a retry need not wait for the lease.
      .patch(`${API}/adx_inviteredemptions(${REDEMPTION})`, (b) => b.scheduledend === null)
      .query(true)
      .reply(echo('W/"3"'));

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
      .get(`${API}/adx_inviteredemptions(${REDEMPTION})`)
      .query((q) => !('$expand' in q))
      .reply(200, { '@odata.etag': 'W/"1"', activityid: REDEMPTION, statecode: 0 })
      .get(`${API}/adx_invitations(${INV})`)
      .query(true)
      .reply(200, { adx_invitationid: INV })
      .get(`${API}/contacts(${CONTACT})`)
      .query(true)
      .reply(200, { contactid: CONTACT });
    // The role links are read in one $batch (the no-cache header is on its inner requests).
    const writes = nock(ORG)
      .post(`${API}/$batch`)
      .reply(
        ...roleLinksReply({ granted: { standard: [], enhanced: [] }, held: { standard: [], enhanced: [] } }),
      )
      .patch(`${API}/adx_inviteredemptions(${REDEMPTION})`, (b) => typeof b.scheduledend === 'string')
      .query(true)
      .reply(echo('W/"2"'))
      .patch(`${API}/adx_inviteredemptions(${REDEMPTION})`, (b) => b.statecode === 1 && b.statuscode === 2)
      .query(true)
      .reply(echo('W/"3"'));

    const result = await new InvitationService(orgClient()).applyRedemption(REDEMPTION);

    scope.done();
    writes.done();
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
