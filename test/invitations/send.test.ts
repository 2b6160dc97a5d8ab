import nock from 'nock';
import { InvitationService } from '../../sdk/invitations/service';
import { API, collection, filterOf, ORG, orgClient, resetNock } from './nock-support';

const WF = 'c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11';
const id = (n: number) => `10000000-0000-0000-0000-00000000000${n}`;
const contact = (email: string | null) => ({ contactid: 'c', emailaddress1: email });

function row(n: number, over: Record<string, unknown> = {}) {
  return {
    adx_invitationid: id(n),
    statecode: 0,
    statuscode: 1,
    _adx_invitecontact_value: 'c',
    adx_inviteContact: contact('a@example.com'),
    ...over,
  };
}

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('InvitationService.send', () => {
  it('finds the workflow once, reads the invitations in one query and runs ExecuteWorkflow per sendable one', async () => {
    const scope = nock(ORG)
      .get(`${API}/workflows`)
      .query((q) => filterOf(q) === "name eq 'Send Invitation' and type eq 1")
      .reply(200, collection([{ workflowid: WF, name: 'Send Invitation', statecode: 1 }]))
      .get(`${API}/adx_invitations`)
      .query(true)
      .reply(
        200,
        collection([
          row(1),
          row(2, { adx_inviteContact: contact(null) }),
          row(3, { statecode: 1, statuscode: 2 }),
          row(4, { statuscode: 756150001 }),
          row(5, { _adx_invitecontact_value: null, adx_inviteContact: null }),
        ]),
      )
      .get(`${API}/asyncoperations`)
      .query(true)
      .reply(200, collection([]))
      .post(`${API}/workflows(${WF})/Microsoft.Dynamics.CRM.ExecuteWorkflow`, { EntityId: id(1) })
      .reply(200, { Id: 'job-1' });

    const results = await new InvitationService(orgClient()).send([1, 2, 3, 4, 5, 6].map(id));

    scope.done();
    expect(results.map((r) => [r.status, r.reason ?? r.asyncOperationId])).toEqual([
      ['sent', 'job-1'],
      ['skipped', expect.stringMatching(/has no e-mail address \(emailaddress1\)/)],
      ['skipped', 'the invitation is inactive (revoked)'],
      ['skipped', 'the invitation has already been redeemed'],
      ['skipped', expect.stringMatching(/no invited contact/)],
      ['failed', `invitation ${id(6)} does not exist`],
    ]);
  });

  it('reports a workflow failure for that invitation and still sends the others', async () => {
    const scope = nock(ORG)
      .get(`${API}/workflows`)
      .query(true)
      .reply(200, collection([{ workflowid: WF, statecode: 1 }]))
      .get(`${API}/adx_invitations`)
      .query(true)
      .reply(200, collection([row(1), row(2)]))
      .get(`${API}/asyncoperations`)
      .query(true)
      .reply(200, collection([]))
      .post(`${API}/workflows(${WF})/Microsoft.Dynamics.CRM.ExecuteWorkflow`, { EntityId: id(1) })
      .reply(400, { error: { code: '0x80040265', message: 'Workflow must be in Published state.' } })
      .post(`${API}/workflows(${WF})/Microsoft.Dynamics.CRM.ExecuteWorkflow`, { EntityId: id(2) })
      .reply(200, { Id: 'job-2' });

    const results = await new InvitationService(orgClient()).send([id(1), id(2)]);

    scope.done();
    expect(results[0]).toMatchObject({ status: 'failed', reason: expect.stringMatching(/Published state/) });
    expect(results[1]).toMatchObject({ status: 'sent', asyncOperationId: 'job-2' });
  });

  it('names a Send Invitation suspended by a data loss prevention policy, and sends nothing', async () => {
    const scope = nock(ORG)
      .get(`${API}/workflows`)
      .query(true)
      .reply(200, collection([{ workflowid: WF, name: 'Send Invitation', statecode: 2 }]));
    nock(ORG)
      .get(`${API}/adx_invitations`)
      .query(true)
      .reply(200, collection([row(1)]));
    await expect(new InvitationService(orgClient()).send(id(1))).rejects.toThrow(
      `so nothing can be sent: ${WF} is suspended, as breaking a data loss prevention policy`,
    );
    scope.done();
  });

  it('says so when no activated Send Invitation workflow exists', async () => {
    const scope = nock(ORG).get(`${API}/workflows`).query(true).reply(200, collection([]));
    nock(ORG)
      .get(`${API}/adx_invitations`)
      .query(true)
      .reply(200, collection([row(1)]));
    await expect(new InvitationService(orgClient()).send(id(1))).rejects.toThrow(
      /No activated workflow definition named "Send Invitation"/,
    );
    scope.done();
  });
});
