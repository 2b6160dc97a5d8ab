/**
 * InvitationService.send e-mails an invitation at most once: Dataverse's status and the Send
 * Invitation system jobs decide, never a local record; expired ones are never sent; bad ids are
 * refused before any request.
 */
import nock from 'nock';
import { InvalidArgumentError } from '../../sdk/errors';
import { InvitationService } from '../../sdk/invitations/service';
import { API, collection, filterOf, ORG, orgClient, resetNock } from './nock-support';

const WF = 'c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11';
const NOW = Date.parse('2026-11-01T00:00:00Z');
const id = (n: number) => `20000000-0000-0000-0000-00000000000${n}`;

function row(n: number, over: Record<string, unknown> = {}) {
  return {
    adx_invitationid: id(n),
    statecode: 0,
    statuscode: 1,
    adx_expirydate: null,
    _adx_invitecontact_value: 'c',
    adx_inviteContact: { contactid: 'c', emailaddress1: 'a@example.com' },
    ...over,
  };
}

function job(n: number, statecode: number, statuscode: number, name = 'Send Invitation') {
  return {
    asyncoperationid: `j${n}`,
    name,
    statecode,
    statuscode,
    _regardingobjectid_value: id(n),
    _workflowactivationid_value: '99999999-0000-0000-0000-000000000000',
  };
}

function scopeFor(rows: Record<string, unknown>[], jobs?: Record<string, unknown>[]) {
  const scope = nock(ORG)
    .get(`${API}/workflows`)
    .query(true)
    .reply(200, collection([{ workflowid: WF, name: 'Send Invitation', statecode: 1 }]))
    .get(`${API}/adx_invitations`)
    .query(true)
    .reply(200, collection(rows));
  if (jobs) {
    scope
      .get(`${API}/asyncoperations`)
      .query((q) => filterOf(q).startsWith('operationtype eq 10 and '))
      .reply(200, collection(jobs));
  }
  return scope;
}

const service = (now = NOW) => new InvitationService(orgClient(), { now: () => now });

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('InvitationService.send at most once', () => {
  it('skips an invitation whose status is Sent without asking for its jobs', async () => {
    const scope = scopeFor([row(1, { statuscode: 756150000 })]);
    const [result] = await service().send(id(1));
    scope.done();
    expect(result).toMatchObject({ status: 'skipped', skip: 'already_sent' });
  });

  it('skips an invitation whose Send Invitation job succeeded although its status is still New', async () => {
    const scope = scopeFor([row(1)], [job(1, 3, 30)]);
    const [result] = await service().send(id(1));
    scope.done();
    expect(result).toMatchObject({
      status: 'skipped',
      skip: 'already_sent',
      reason: expect.stringContaining('j1'),
    });
  });

  it('skips an invitation whose Send Invitation job is still queued or running, even with resend', async () => {
    const scope = scopeFor([row(1)], [job(1, 0, 10)]);
    const [result] = await service().send(id(1), { resend: true });
    scope.done();
    expect(result).toMatchObject({ status: 'skipped', skip: 'in_progress' });
  });

  it('sends again after a failed job, and ignores jobs of other workflows', async () => {
    const scope = scopeFor([row(1)], [job(1, 3, 31), job(1, 3, 30, 'Another workflow')])
      .post(`${API}/workflows(${WF})/Microsoft.Dynamics.CRM.ExecuteWorkflow`, { EntityId: id(1) })
      .reply(200, { Id: 'job-new' });
    const [result] = await service().send(id(1));
    scope.done();
    expect(result).toMatchObject({ status: 'sent', asyncOperationId: 'job-new' });
  });

  it('e-mails a sent invitation again only when asked to resend', async () => {
    const scope = scopeFor([row(1, { statuscode: 756150000 })], [])
      .post(`${API}/workflows(${WF})/Microsoft.Dynamics.CRM.ExecuteWorkflow`, { EntityId: id(1) })
      .reply(200, { Id: 'job-again' });
    const [result] = await service().send(id(1), { resend: true });
    scope.done();
    expect(result).toMatchObject({ status: 'sent' });
  });

  it('never sends an expired invitation, saying when it expired', async () => {
    const scope = scopeFor([row(1, { adx_expirydate: '2026-10-01T00:00:00Z' })]);
    const [result] = await service().send(id(1), { resend: true });
    scope.done();
    expect(result).toMatchObject({
      status: 'skipped',
      skip: 'expired',
      reason: 'the invitation expired on 2026-10-01T00:00:00.000Z',
    });
  });

  it('starts no ExecuteWorkflow once the stop signal is aborted, reporting the rest as stopped', async () => {
    const stop = new AbortController();
    stop.abort();
    const scope = scopeFor([row(1), row(2)], []);
    const results = await service().send([id(1), id(2)], { stopSignal: stop.signal });
    scope.done();
    expect(results.map((r) => r.skip)).toEqual(['stopped', 'stopped']);
  });

  it('refuses an id that is not a GUID before any request', async () => {
    const error = await service()
      .send(['not-a-guid'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({
      argument: 'invitationId',
      message: expect.stringContaining('"not-a-guid"'),
    });
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('InvitationService ids', () => {
  it('refuses a contact id that is not a GUID before any request', async () => {
    await expect(service().redeem('some-code', { contactId: 'not-a-guid' })).rejects.toMatchObject({
      kind: 'invalid_argument',
      argument: 'contactId',
    });
  });

  it('refuses to revoke an id that is not a GUID', async () => {
    await expect(service().revoke('42')).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('accepts a GUID in braces and upper case', async () => {
    const scope = nock(ORG)
      .patch(`${API}/adx_invitations(${id(3)})`)
      .reply(204);
    await service().revoke(`{${id(3).toUpperCase()}}`);
    scope.done();
  });
});
