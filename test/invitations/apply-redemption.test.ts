/**
 * applyRedemption at the level of the requests: what a first application sends, from the claim to
 * the completed activity, and how a role granted concurrently is taken for held.
 */
import nock from 'nock';
import { applyRedemption } from '../../sdk/invitations/apply-redemption';
import { decodeDescription, type ClaimJournal } from '../../sdk/invitations/redemption-claim-journal';
import { API, ORG, orgClient, resetNock, roleLinksReply } from './nock-support';

const INV = '10000000-0000-0000-0000-000000000001';
const CONTACT = '20000000-0000-0000-0000-000000000001';
const ACCOUNT = '30000000-0000-0000-0000-000000000001';
const ROLE_HELD = '40000000-0000-0000-0000-000000000001';
const ROLE_NEW = '40000000-0000-0000-0000-000000000002';
const WORKFLOW = '50000000-0000-0000-0000-000000000001';
const REDEMPTION = '60000000-0000-0000-0000-000000000001';
const JOB = '70000000-0000-0000-0000-000000000001';
const target = { redemptionId: REDEMPTION, invitationId: INV, contactId: CONTACT };
const ACTIVITY = `${API}/adx_inviteredemptions(${REDEMPTION})`;

/** The claim journal a PATCH of the activity writes. */
const journalOf = (body: Record<string, unknown>): Partial<ClaimJournal> =>
  decodeDescription(String(body.description)).journal ?? {};
const expands = (q: Record<string, unknown>) => '$expand' in q;

/** The activity after a claim write: the etag moves on, the description is what was written. */
const claimed =
  (etag: string) =>
  (_uri: string, body: nock.Body): nock.ReplyFnResult => [
    200,
    {
      '@odata.etag': etag,
      activityid: REDEMPTION,
      statecode: 0,
      description: (body as Record<string, unknown>).description,
    },
  ];

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('applyRedemption', () => {
  it('claims the activity, assigns the account, adds the missing role, starts the workflow once and completes', async () => {
    const scope = nock(ORG)
      .get(ACTIVITY)
      .query(true)
      .reply(200, { '@odata.etag': 'W/"1"', activityid: REDEMPTION, statecode: 0, scheduledend: null })
      .patch(
        ACTIVITY,
        (b: Record<string, unknown>) => journalOf(b).claims === 1 && typeof b.scheduledend === 'string',
      )
      .matchHeader('If-Match', 'W/"1"')
      .query(true)
      .reply(claimed('W/"2"'))
      .get(`${API}/adx_invitations(${INV})`)
      .query((q) => !expands(q))
      .reply(200, { _adx_assigntoaccount_value: ACCOUNT, _adx_redemptionworkflow_value: WORKFLOW })
      .get(`${API}/contacts(${CONTACT})`)
      .query((q) => !expands(q))
      .reply(200, { contactid: CONTACT, _parentcustomerid_value: null })
      .patch(`${API}/contacts(${CONTACT})`, {
        'parentcustomerid_account@odata.bind': `/accounts(${ACCOUNT})`,
      })
      .reply(204)
      .post(`${API}/$batch`)
      .reply(
        ...roleLinksReply({
          granted: { standard: [ROLE_HELD, ROLE_NEW], enhanced: [] },
          held: { standard: [ROLE_HELD], enhanced: [] },
        }),
      )
      .post(`${API}/adx_webroles(${ROLE_NEW})/adx_webrole_contact/$ref`, {
        '@odata.id': `${ORG}${API}/contacts(${CONTACT})`,
      })
      .reply(204)
      .patch(
        ACTIVITY,
        (b: Record<string, unknown>) => journalOf(b).workflow !== undefined && !('statecode' in b),
      )
      .matchHeader('If-Match', 'W/"2"')
      .query(true)
      .reply(claimed('W/"3"'))
      .post(`${API}/workflows(${WORKFLOW})/Microsoft.Dynamics.CRM.ExecuteWorkflow`, { EntityId: CONTACT })
      .reply(200, { Id: JOB })
      .patch(
        ACTIVITY,
        (b: Record<string, unknown>) =>
          b.statecode === 1 &&
          b.statuscode === 2 &&
          b.scheduledend === null &&
          typeof b.actualend === 'string' &&
          JSON.stringify(journalOf(b).workflow) === JSON.stringify({ jobId: JOB }),
      )
      .matchHeader('If-Match', 'W/"3"')
      .query(true)
      .reply(claimed('W/"4"'));

    const result = await applyRedemption(orgClient(), target);

    scope.done();
    expect(result).toEqual({ accountAssigned: true, rolesAdded: [ROLE_NEW], workflowStarted: true });
  });

  it('changes nothing on a completed activity: one read, no write', async () => {
    const scope = nock(ORG)
      .get(ACTIVITY)
      .query(true)
      .reply(200, { '@odata.etag': 'W/"9"', activityid: REDEMPTION, statecode: 1 });

    const result = await applyRedemption(orgClient(), target);

    scope.done();
    expect(result).toEqual({ accountAssigned: false, rolesAdded: [], workflowStarted: false });
  });

  it('treats a role associated by a concurrent grant (duplicate key) as held', async () => {
    const scope = nock(ORG)
      .get(ACTIVITY)
      .query(true)
      .reply(200, { '@odata.etag': 'W/"1"', activityid: REDEMPTION, statecode: 0 })
      .patch(ACTIVITY)
      .query(true)
      .reply(claimed('W/"2"'))
      .get(`${API}/adx_invitations(${INV})`)
      .query((q) => !expands(q))
      .reply(200, { _adx_assigntoaccount_value: null, _adx_redemptionworkflow_value: null })
      .get(`${API}/contacts(${CONTACT})`)
      .query((q) => !expands(q))
      .reply(200, { contactid: CONTACT })
      .post(`${API}/$batch`)
      .reply(
        ...roleLinksReply({
          granted: { standard: [ROLE_NEW], enhanced: [] },
          held: { standard: [], enhanced: [] },
        }),
      )
      .post(`${API}/adx_webroles(${ROLE_NEW})/adx_webrole_contact/$ref`)
      .reply(412, { error: { code: '0x80040237', message: 'Cannot insert duplicate key.' } })
      .patch(ACTIVITY, (b: Record<string, unknown>) => b.statecode === 1)
      .query(true)
      .reply(claimed('W/"3"'));

    const result = await applyRedemption(orgClient(), target);

    scope.done();
    expect(result.rolesAdded).toEqual([]);
  });
});
