import nock from 'nock';
import { applyRedemption } from '../../sdk/invitations/apply-redemption';
import { API, ORG, orgClient, resetNock, roleLinksReply } from './nock-support';

const INV = '10000000-0000-0000-0000-000000000001';
const CONTACT = '20000000-0000-0000-0000-000000000001';
const ACCOUNT = '30000000-0000-0000-0000-000000000001';
const ROLE_HELD = '40000000-0000-0000-0000-000000000001';
const ROLE_NEW = '40000000-0000-0000-0000-000000000002';
const WORKFLOW = '50000000-0000-0000-0000-000000000001';
const REDEMPTION = '60000000-0000-0000-0000-000000000001';

const invitationRow = {
  adx_invitationid: INV,
  _adx_assigntoaccount_value: ACCOUNT,
  _adx_redemptionworkflow_value: WORKFLOW,
};
const granted = { standard: [ROLE_HELD, ROLE_NEW], enhanced: [] };

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('applyRedemption', () => {
  it('assigns the account, adds only the roles not held, runs the workflow and closes the redemption', async () => {
    const scope = nock(ORG)
      .get(`${API}/adx_invitations(${INV})`)
      .query(true)
      .reply(200, invitationRow)
      .get(`${API}/contacts(${CONTACT})`)
      .query(true)
      .reply(200, { contactid: CONTACT, _parentcustomerid_value: null })
      .get(`${API}/adx_inviteredemptions(${REDEMPTION})`)
      .query(true)
      .reply(200, { activityid: REDEMPTION, statecode: 0 })
      .patch(`${API}/contacts(${CONTACT})`, {
        'parentcustomerid_account@odata.bind': `/accounts(${ACCOUNT})`,
      })
      .reply(204)
      .post(`${API}/$batch`)
      .reply(...roleLinksReply({ granted, held: { standard: [ROLE_HELD], enhanced: [] } }))
      .post(`${API}/adx_webroles(${ROLE_NEW})/adx_webrole_contact/$ref`, {
        '@odata.id': `${ORG}${API}/contacts(${CONTACT})`,
      })
      .reply(204)
      .post(`${API}/workflows(${WORKFLOW})/Microsoft.Dynamics.CRM.ExecuteWorkflow`, { EntityId: CONTACT })
      .reply(200, { Id: 'job-1' })
      .patch(`${API}/adx_inviteredemptions(${REDEMPTION})`, { statecode: 1, statuscode: 2 })
      .reply(204);

    const result = await applyRedemption(orgClient(), {
      redemptionId: REDEMPTION,
      invitationId: INV,
      contactId: CONTACT,
    });

    scope.done();
    expect(result).toEqual({ accountAssigned: true, rolesAdded: [ROLE_NEW], workflowStarted: true });
  });

  it('changes nothing when run again: account set, roles held, redemption completed', async () => {
    const scope = nock(ORG)
      .get(`${API}/adx_invitations(${INV})`)
      .query(true)
      .reply(200, invitationRow)
      .get(`${API}/contacts(${CONTACT})`)
      .query(true)
      .reply(200, { contactid: CONTACT, _parentcustomerid_value: ACCOUNT })
      .get(`${API}/adx_inviteredemptions(${REDEMPTION})`)
      .query(true)
      .reply(200, { activityid: REDEMPTION, statecode: 1 })
      .post(`${API}/$batch`)
      .reply(...roleLinksReply({ granted, held: { standard: [ROLE_HELD, ROLE_NEW], enhanced: [] } }));

    const result = await applyRedemption(orgClient(), {
      redemptionId: REDEMPTION,
      invitationId: INV,
      contactId: CONTACT,
    });

    scope.done();
    expect(result).toEqual({ accountAssigned: false, rolesAdded: [], workflowStarted: false });
  });

  it('treats a role associated by a concurrent run (duplicate key) as held', async () => {
    const scope = nock(ORG)
      .get(`${API}/adx_invitations(${INV})`)
      .query(true)
      .reply(200, { ...invitationRow, _adx_assigntoaccount_value: null, _adx_redemptionworkflow_value: null })
      .get(`${API}/contacts(${CONTACT})`)
      .query(true)
      .reply(200, { contactid: CONTACT })
      .get(`${API}/adx_inviteredemptions(${REDEMPTION})`)
      .query(true)
      .reply(200, { activityid: REDEMPTION, statecode: 0 })
      .post(`${API}/$batch`)
      .reply(...roleLinksReply({ granted, held: { standard: [ROLE_HELD], enhanced: [] } }))
      .post(`${API}/adx_webroles(${ROLE_NEW})/adx_webrole_contact/$ref`)
      .reply(412, { error: { code: '0x80040237', message: 'Cannot insert duplicate key.' } })
      .patch(`${API}/adx_inviteredemptions(${REDEMPTION})`)
      .reply(204);

    const result = await applyRedemption(orgClient(), {
      redemptionId: REDEMPTION,
      invitationId: INV,
      contactId: CONTACT,
    });

    scope.done();
    expect(result.rolesAdded).toEqual([]);
  });
});
