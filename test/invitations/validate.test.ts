import nock from 'nock';
import { InvitationType } from '../../sdk/entities/index';
import { InvitationError } from '../../sdk/invitations/errors';
import { validateNewInvitation } from '../../sdk/invitations/validate';
import { API, collection, filterOf, ORG, orgClient, resetNock } from './nock-support';
import { OfflineApi } from './offline-api';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const now = () => NOW;
const CONTACT = '11111111-2222-3333-4444-555555555555';
const offline = new OfflineApi();
const TAKEN = 'taken-code-0123456789abcdef';

async function reasonAndMessage(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (error) {
    if (error instanceof InvitationError) return [error.reason, error.message];
    throw error;
  }
  throw new Error('expected an InvitationError');
}

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('validateNewInvitation without requests', () => {
  it('refuses a Single invitation with a maximum other than 1', async () => {
    const [reason, message] = await reasonAndMessage(
      validateNewInvitation(offline, { type: InvitationType.Single, maximumRedemptions: 3 }, { now }),
    );
    expect(reason).toBe('invalid');
    expect(message).toMatch(/Single.*empty or set it to 1/);
  });

  it('refuses a negative maximum', async () => {
    const [, message] = await reasonAndMessage(
      validateNewInvitation(offline, { type: InvitationType.Group, maximumRedemptions: -1 }, { now }),
    );
    expect(message).toMatch(/0 or more/);
  });

  it('refuses an expiry date in the past', async () => {
    const [, message] = await reasonAndMessage(
      validateNewInvitation(offline, { expiresOn: '2026-05-31T23:59:59Z' }, { now }),
    );
    expect(message).toMatch(/not in the future/);
  });

  it('refuses an expiry day that is not in the calendar instead of rolling it over', async () => {
    const [reason, message] = await reasonAndMessage(
      validateNewInvitation(offline, { expiresOn: '2027-02-30' }, { now }),
    );
    expect(reason).toBe('invalid');
    expect(message).toMatch(/2027-02-30 is not a day of the calendar/);
  });

  it('refuses an unknown type', async () => {
    const [, message] = await reasonAndMessage(validateNewInvitation(offline, { type: 5 }, { now }));
    expect(message).toMatch(/not known/);
  });

  it('refuses a code shorter than 22 characters, writing nothing and asking nothing', async () => {
    const [reason, message] = await reasonAndMessage(
      validateNewInvitation(offline, { code: 'ABC' }, { now }),
    );
    expect(reason).toBe('invalid');
    expect(message).toMatch(/22 to 200 characters of A-Z, a-z, 0-9, "_" and "-".*128 bits/);
  });

  it('refuses a code longer than 200 characters', async () => {
    const [, message] = await reasonAndMessage(
      validateNewInvitation(offline, { code: 'a'.repeat(201) }, { now }),
    );
    expect(message).toMatch(/got 201 characters/);
  });

  it('refuses a code with characters that are not URL-safe (HTML or link injection)', async () => {
    const [, message] = await reasonAndMessage(
      validateNewInvitation(offline, { code: '"><script>alert(1)</script>-padding' }, { now }),
    );
    expect(message).toMatch(/including others/);
  });

  it('accepts a 22-character URL-safe code without asking when it is fresh', async () => {
    await expect(
      validateNewInvitation(offline, { code: 'Ab0_-Ab0_-Ab0_-Ab0_-Ab' }, { now, codeIsFresh: true }),
    ).resolves.toBeUndefined();
  });

  it('accepts a Group invitation with no limit and no code without any request', async () => {
    await expect(
      validateNewInvitation(offline, { type: InvitationType.Group, maximumRedemptions: 0 }, { now }),
    ).resolves.toBeUndefined();
  });
});

describe('validateNewInvitation with requests', () => {
  it('refuses a code another invitation uses', async () => {
    const scope = nock(ORG)
      .get(`${API}/adx_invitations`)
      .query((q) => filterOf(q) === `adx_invitationcode eq '${TAKEN}'`)
      .reply(200, collection([{ adx_invitationid: 'other-id', adx_invitationcode: TAKEN }]));
    const [, message] = await reasonAndMessage(validateNewInvitation(orgClient(), { code: TAKEN }, { now }));
    expect(message).toMatch(/already used by invitation other-id/);
    scope.done();
  });

  it('refuses an invited contact without emailaddress1', async () => {
    const scope = nock(ORG)
      .get(`${API}/contacts(${CONTACT})`)
      .query(true)
      .reply(200, { contactid: CONTACT, emailaddress1: null });
    const [, message] = await reasonAndMessage(
      validateNewInvitation(orgClient(), { inviteContactId: CONTACT }, { now }),
    );
    expect(message).toMatch(/no e-mail address \(emailaddress1\)/);
    scope.done();
  });

  it('refuses an invited contact that does not exist', async () => {
    const scope = nock(ORG)
      .get(`${API}/contacts(${CONTACT})`)
      .query(true)
      .reply(404, { error: { code: '0x80040217', message: 'contact Does Not Exist' } });
    const [, message] = await reasonAndMessage(
      validateNewInvitation(orgClient(), { inviteContactId: CONTACT }, { now }),
    );
    expect(message).toMatch(/does not exist/);
    scope.done();
  });

  it('uses contacts the caller already read instead of reading them again', async () => {
    const known = new Map([[CONTACT, 'a@example.com']]);
    await expect(
      validateNewInvitation(offline, { inviteContactId: CONTACT }, { now, knownContacts: known }),
    ).resolves.toBeUndefined();
  });
});
