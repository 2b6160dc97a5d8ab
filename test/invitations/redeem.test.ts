import nock from 'nock';
import { ConnectionError } from '../../sdk/client/errors';
import { InvalidArgumentError } from '../../sdk/errors';
import { InvitationError } from '../../sdk/invitations/errors';
import { verifyPassword } from '../../sdk/invitations/password-hash';
import { InvitationService } from '../../sdk/invitations/service';
import { usernameClaimId } from '../../sdk/invitations/username-claim';
import {
  API,
  batchGetReply,
  changeSetReply,
  collection,
  failedChangeSetReply,
  ORG,
  orgClient,
  resetNock,
} from './nock-support';
import { OfflineApi } from './offline-api';

const INV = '10000000-0000-0000-0000-000000000001';
const CONTACT = '20000000-0000-0000-0000-000000000001';
const CODE = 'Abc-123_xyz';
const now = () => Date.parse('2026-06-01T00:00:00Z');

function invitation(over: Record<string, unknown> = {}) {
  return {
    '@odata.etag': 'W/"7"',
    adx_invitationid: INV,
    adx_name: 'Invite',
    adx_type: 756150000,
    adx_invitationcode: CODE,
    adx_redemptions: 0,
    adx_maximumredemptions: 1,
    statecode: 0,
    statuscode: 756150000,
    _adx_invitecontact_value: CONTACT,
    adx_inviteContact: {
      '@odata.etag': 'W/"3"',
      contactid: CONTACT,
      emailaddress1: 'ann@example.com',
      adx_identity_username: null,
    },
    adx_invitation_webrole: [],
    adx_invitation_redeemedcontacts: [],
    adx_invitation_invitecontacts: [],
    ...over,
  };
}

/** The redeem-by-contact lookup: the invitation and the contact, two GETs in one `$batch`. */
const isLookup = (body: string) => body.includes('GET ') && !body.includes('changeset');
const isChangeSet = (body: string) => body.includes('changeset');
function lookupReply(
  inv: Record<string, unknown> | undefined,
  contact: Record<string, unknown> | null = { contactid: CONTACT, statecode: 0 },
) {
  return batchGetReply(collection(inv ? [inv] : []), collection(contact ? [contact] : []));
}

function service(waits: number[] = []) {
  return new InvitationService(orgClient(), {
    now,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0,
  });
}

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('InvitationService.redeem', () => {
  it('costs two requests: the lookup and one change set guarded by the etag', async () => {
    let batch = '';
    const scope = nock(ORG)
      .post(`${API}/$batch`, isLookup)
      .reply(...lookupReply(invitation()))
      .post(`${API}/$batch`, (body: string) => {
        batch = body;
        return isChangeSet(body);
      })
      .reply(...changeSetReply([204, 204]));

    const result = await service().redeem(CODE, { contactId: CONTACT });

    scope.done();
    expect(result).toMatchObject({
      invitationId: INV,
      contactId: CONTACT,
      status: 'redeemed',
      redemptions: 1,
    });
    expect(batch).toMatch(
      new RegExp(`PATCH \\S*adx_invitations\\(${INV}\\) HTTP/1.1[\\s\\S]*If-Match: W/"7"`),
    );
    expect(batch).toContain('"adx_redeemedContact@odata.bind":"/contacts(' + CONTACT + ')"');
    expect(batch).toContain('"statuscode":756150001');
    expect(batch).toContain('"participationtypemask":11');
    expect(batch).toContain(
      `"regardingobjectid_adx_invitation_adx_inviteredemption@odata.bind":"/adx_invitations(${INV})"`,
    );
  });

  it('refuses a request naming neither a contact nor a registration, before any request', async () => {
    const client = new OfflineApi();
    const error = await new InvitationService(client).redeem(CODE, {} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'who' });
    expect(client.calls).toEqual([]);
  });

  it('stops at the lookup when its signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await service()
      .redeem(CODE, { contactId: CONTACT }, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toMatchObject({ name: expect.stringMatching(/Abort|Cancel/) });
  });

  it('writes on the activity only the details a request may carry, not other properties', async () => {
    let batch = '';
    const scope = nock(ORG)
      .post(`${API}/$batch`, isLookup)
      .reply(...lookupReply(invitation()))
      .post(`${API}/$batch`, (body: string) => {
        batch = body;
        return isChangeSet(body);
      })
      .reply(...changeSetReply([204, 204]));
    // A caller without types could add anything; a Completed state would skip the redemption workflow.
    const smuggled = { contactId: CONTACT, state: 1, subject: 'mine' };
    await service().redeem(CODE, smuggled as never);
    scope.done();
    expect(batch).not.toContain('"statecode"');
    expect(batch).toContain(`"subject":"Redeemed by contact ${CONTACT}"`);
  });

  it('ignores an invitation whose code differs only in case', async () => {
    const scope = nock(ORG)
      .post(`${API}/$batch`, isLookup)
      .reply(...lookupReply(invitation({ adx_invitationcode: CODE.toUpperCase() })));
    const error = await service()
      .redeem(CODE, { contactId: CONTACT })
      .catch((e: unknown) => e);
    scope.done();
    expect((error as InvitationError).reason).toBe('not_found');
  });

  it('writes nothing when a rule refuses: an inactive invitation', async () => {
    const scope = nock(ORG)
      .post(`${API}/$batch`, isLookup)
      .reply(...lookupReply(invitation({ statecode: 1, statuscode: 2 })));
    const error = await service()
      .redeem(CODE, { contactId: CONTACT })
      .catch((e: unknown) => e);
    scope.done();
    expect((error as InvitationError).reason).toBe('inactive');
  });

  it('refuses a contact that does not exist before any write, naming the contact', async () => {
    const scope = nock(ORG)
      .post(`${API}/$batch`, isLookup)
      .reply(...lookupReply(invitation(), null));
    const error = await service()
      .redeem(CODE, { contactId: CONTACT })
      .catch((e: unknown) => e);
    scope.done();
    expect(error).toBeInstanceOf(InvitationError);
    expect(error).toMatchObject({
      reason: 'invalid',
      message: expect.stringMatching(`Contact ${CONTACT} does not exist`),
    });
  });

  it('refuses an inactive contact before any write', async () => {
    const scope = nock(ORG)
      .post(`${API}/$batch`, isLookup)
      .reply(...lookupReply(invitation(), { contactid: CONTACT, statecode: 1 }));
    const error = await service()
      .redeem(CODE, { contactId: CONTACT })
      .catch((e: unknown) => e);
    scope.done();
    expect(error).toMatchObject({ reason: 'invalid', message: expect.stringMatching(/is inactive/) });
  });

  it('reads without the cache and only the redeemer among the redeemed contacts', async () => {
    let lookup = '';
    const scope = nock(ORG)
      .post(`${API}/$batch`, (body: string) => {
        lookup = body;
        return isLookup(body);
      })
      .reply(...lookupReply(invitation({ statecode: 1 })));
    await service()
      .redeem(CODE, { contactId: CONTACT })
      .catch(() => undefined);
    scope.done();
    expect(lookup.match(/If-None-Match: null/g)).toHaveLength(2);
    expect(lookup).toContain(
      `adx_invitation_redeemedcontacts($select=contactid;$filter=contactid%20eq%20${CONTACT})`,
    );
  });

  it('after losing a race (412) reads again and decides again', async () => {
    const waits: number[] = [];
    const scope = nock(ORG)
      .post(`${API}/$batch`, isLookup)
      .reply(...lookupReply(invitation()))
      .post(`${API}/$batch`, isChangeSet)
      .reply(
        ...failedChangeSetReply(412, '0x80060882', 'The version of the existing record does not match.', '1'),
      )
      .post(`${API}/$batch`, isLookup)
      .reply(
        ...lookupReply(
          invitation({ adx_redemptions: 1, statuscode: 756150001, _adx_redeemedcontact_value: CONTACT }),
        ),
      );

    const error = await service(waits)
      .redeem(CODE, { contactId: CONTACT })
      .catch((e: unknown) => e);

    scope.done();
    expect((error as InvitationError).reason).toBe('already_redeemed');
    expect(waits).toEqual([10]);
  });

  it('re-decides after a 412 with an empty code inside the change set, as Microsoft shows it', async () => {
    // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api#apply-optimistic-concurrency-on-update
    const waits: number[] = [];
    const scope = nock(ORG)
      .post(`${API}/$batch`, isLookup)
      .reply(...lookupReply(invitation()))
      .post(`${API}/$batch`, isChangeSet)
      .reply(
        ...failedChangeSetReply(
          412,
          '',
          "The version of the existing record doesn't match the RowVersion property provided.",
          '1',
        ),
      )
      .post(`${API}/$batch`, isLookup)
      .reply(...lookupReply(invitation({ '@odata.etag': 'W/"8"' })))
      .post(`${API}/$batch`, (body: string) => isChangeSet(body) && body.includes('If-Match: W/"8"'))
      .reply(...changeSetReply([204, 204]));

    const result = await service(waits).redeem(CODE, { contactId: CONTACT });

    scope.done();
    expect(result).toMatchObject({ invitationId: INV, contactId: CONTACT, status: 'redeemed' });
    expect(waits).toEqual([10]);
  });

  it('registers the invited contact with an ASP.NET Identity hash and never sends the password', async () => {
    let batch = '';
    const scope = nock(ORG)
      .get(`${API}/adx_invitations`)
      .query(true)
      .reply(200, collection([invitation()]))
      .get(`${API}/contacts`)
      .query(true)
      .reply(200, collection([]))
      .post(`${API}/$batch`, (body: string) => {
        batch = body;
        return true;
      })
      .reply(...changeSetReply([204, 204, 204]));

    await service().redeem(CODE, {
      registration: { email: 'ann@example.com', username: 'ann', password: 'Correct-Horse-9' },
    });

    scope.done();
    expect(batch).not.toContain('Correct-Horse-9');
    const hash = /"adx_identity_passwordhash":"([^"]+)"/.exec(batch)?.[1] ?? '';
    expect(verifyPassword(hash, 'Correct-Horse-9')).toBe(true);
    expect(batch).toMatch(new RegExp(`PATCH \\S*contacts\\(${CONTACT}\\) HTTP/1.1[\\s\\S]*If-Match: W/"3"`));
    expect(batch).toContain('"adx_identity_logonenabled":true');
    expect(batch).toContain('"adx_identity_emailaddress1confirmed":false');
  });

  it('refuses a username another contact already holds, writing nothing', async () => {
    const scope = nock(ORG)
      .get(`${API}/adx_invitations`)
      .query(true)
      .reply(200, collection([invitation()]))
      .get(`${API}/contacts`)
      .query(true)
      .reply(200, collection([{ contactid: 'other', adx_identity_username: 'ann' }]));
    const error = await service()
      .redeem(CODE, {
        registration: { email: 'ann@example.com', username: 'ann', password: 'Correct-Horse-9' },
      })
      .catch((e: unknown) => e);
    scope.done();
    expect((error as InvitationError).message).toMatch(/username "ann" is taken/);
  });

  it('refuses a registration whose username another registration claimed meanwhile, without retrying', async () => {
    const waits: number[] = [];
    const scope = nock(ORG)
      .get(`${API}/adx_invitations`)
      .query(true)
      .reply(200, collection([invitation()]))
      .get(`${API}/contacts`)
      .query(true)
      .reply(200, collection([]))
      .post(`${API}/$batch`, (body: string) => body.includes(`activityid":"${usernameClaimId('ann')}"`))
      .reply(
        ...failedChangeSetReply(412, '0x80040237', 'A record with matching key values already exists.', '3'),
      );

    const error = await service(waits)
      .redeem(CODE, {
        registration: { email: 'ann@example.com', username: 'Ann', password: 'Correct-Horse-9' },
      })
      .catch((e: unknown) => e);

    scope.done();
    expect(error).toBeInstanceOf(InvitationError);
    expect(error).toMatchObject({
      reason: 'invalid',
      message: expect.stringMatching(/username "Ann" is taken/),
    });
    expect(waits).toEqual([]);
  });

  it('tells a claimed username from a lost race by the request when the 412 has an empty code', async () => {
    const waits: number[] = [];
    const scope = nock(ORG)
      .get(`${API}/adx_invitations`)
      .query(true)
      .reply(200, collection([invitation()]))
      .get(`${API}/contacts`)
      .query(true)
      .reply(200, collection([]))
      .post(`${API}/$batch`)
      .reply(...failedChangeSetReply(412, '', 'A record with matching key values already exists.', '3'));

    const error = await service(waits)
      .redeem(CODE, {
        registration: { email: 'ann@example.com', username: 'ann', password: 'Correct-Horse-9' },
      })
      .catch((e: unknown) => e);

    scope.done();
    expect(error).toMatchObject({
      reason: 'invalid',
      message: expect.stringMatching(/username "ann" is taken/),
    });
    expect(waits).toEqual([]);
  });

  it('gives up after the configured number of lost races with the concurrency error', async () => {
    const conflict = failedChangeSetReply(
      412,
      '0x80060882',
      'The version of the existing record does not match.',
      '1',
    );
    const scope = nock(ORG)
      .post(`${API}/$batch`, isLookup)
      .reply(...lookupReply(invitation()))
      .post(`${API}/$batch`, isChangeSet)
      .reply(...conflict)
      .post(`${API}/$batch`, isLookup)
      .reply(...lookupReply(invitation()))
      .post(`${API}/$batch`, isChangeSet)
      .reply(...conflict);
    const waits: number[] = [];
    const limited = new InvitationService(orgClient(), {
      now,
      redeemAttempts: 2,
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0,
    });
    const error = await limited.redeem(CODE, { contactId: CONTACT }).catch((e: unknown) => e);
    scope.done();
    expect(error).toMatchObject({ status: 412, code: '0x80060882' });
    expect(waits).toHaveLength(1);
  });
});
