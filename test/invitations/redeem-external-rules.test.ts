/**
 * Who an external sign-in redeems as, decided on what the lookups read: the linked contact, else
 * the invitation's invited contact (a Group's by e-mail), else not_invited; identity_in_use when the
 * sign-in belongs to another contact. Pure: no emulator, no requests.
 */
import { ExternalIdentityState } from '../../sdk/entities/index';
import type { IdentityMatch, SignInContact } from '../../sdk/identities/identity-reads';
import { externalIdentityId } from '../../sdk/identities/login';
import { InvitationError } from '../../sdk/invitations/errors';
import type { ExternalLoginFacts } from '../../sdk/invitations/redeem-external-lookup';
import { signUpFields } from '../../sdk/invitations/redeem-external-rules';
import type { RedeemableInvitation } from '../../sdk/invitations/redeem-lookup';
import { decideRedemption } from '../../sdk/invitations/redeem-rules';
import type { ExternalLoginRedemption } from '../../sdk/invitations/types';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const A = 'aaaaaaaa-0000-0000-0000-000000000001';
const B = 'bbbbbbbb-0000-0000-0000-000000000002';
const INV = 'dddddddd-0000-0000-0000-000000000004';
const PROVIDER = 'https://login.microsoftonline.com/tenant/v2.0';
const LOGIN: ExternalLoginRedemption = { provider: PROVIDER, subject: 'sub-1', email: 'ada@example.com' };

function invitation(
  over: Partial<RedeemableInvitation['record']> = {},
  rest: Partial<RedeemableInvitation> = {},
): RedeemableInvitation {
  return {
    record: { id: INV, name: 'x', type: 'single', status: 'sent', redemptions: 0, ...over },
    state: 0,
    redeemedContactIds: [],
    inviteContactIds: [],
    etag: 'W/"1"',
    ...rest,
  };
}

const contact = (id: string, over: Partial<SignInContact> = {}): SignInContact => ({
  id,
  state: 0,
  email: 'ada@example.com',
  ...over,
});

function row(contactId: string | undefined, over: Partial<IdentityMatch> = {}): IdentityMatch {
  return {
    id: externalIdentityId(LOGIN),
    provider: PROVIDER,
    subject: 'sub-1',
    contactId,
    state: ExternalIdentityState.Active,
    contact: contactId ? contact(contactId) : undefined,
    ...over,
  };
}

function facts(rows: IdentityMatch[], invited: SignInContact[] = []): ExternalLoginFacts {
  return { rows, invited: new Map([[INV, invited]]) };
}

const decide = (inv: RedeemableInvitation, f: ExternalLoginFacts, login: ExternalLoginRedemption = LOGIN) =>
  decideRedemption({
    invitation: inv,
    who: { externalLogin: login },
    candidates: [],
    now: NOW,
    newContactId: '',
    external: f,
  });

function refusal(fn: () => unknown): InvitationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvitationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('an external sign-in that is already linked', () => {
  it('redeems as the linked contact through its existing row, changing nothing on the contact', () => {
    const plan = decide(invitation({ inviteContactId: A }), facts([row(A, { id: 'row-1' })]));
    expect(plan.contact).toEqual({ kind: 'external', id: A, identity: { id: 'row-1', created: false } });
  });

  it('redeems an open group invitation (no invited contacts) as the linked contact', () => {
    const plan = decide(invitation({ type: 'group' }), facts([row(A)]));
    expect(plan.contact).toMatchObject({ id: A, identity: { created: false } });
  });

  it('refuses identity_in_use when the invitation is for another contact', () => {
    const error = refusal(() => decide(invitation({ inviteContactId: B }), facts([row(A)])));
    expect(error.reason).toBe('identity_in_use');
    expect(error.message).toContain(`linked to contact ${A}`);
    expect(error.message).toContain(`is for contact ${B}`);
  });

  it('refuses identity_in_use when a group invitation names other contacts only', () => {
    const inv = invitation({ type: 'group' }, { inviteContactIds: [B] });
    expect(refusal(() => decide(inv, facts([row(A)]))).reason).toBe('identity_in_use');
  });

  it('refuses identity_in_use when the sign-in is linked to two contacts (rows the portal wrote)', () => {
    const rows = [row(A, { id: 'r1' }), row(B, { id: 'r2' })];
    expect(refusal(() => decide(invitation({ type: 'group' }), facts(rows))).reason).toBe('identity_in_use');
  });

  it('matches the linked row without regard to case, as the portal sign-in does', () => {
    const upper = row(A, { provider: PROVIDER.toUpperCase(), subject: 'SUB-1', id: 'row-1' });
    expect(decide(invitation({ inviteContactId: A }), facts([upper])).contact).toMatchObject({ id: A });
  });

  it('refuses an inactive linked contact as invalid', () => {
    const linked = row(A, { contact: contact(A, { state: 1 }) });
    expect(refusal(() => decide(invitation({ inviteContactId: A }), facts([linked]))).reason).toBe('invalid');
  });
});

describe('an external sign-in that is not linked yet', () => {
  it("links it to a single invitation's invited contact, with the portal's sign-up columns", () => {
    const plan = decide(invitation({ inviteContactId: A }), facts([], [contact(A)]));
    expect(plan.contact).toEqual({
      kind: 'external',
      id: A,
      identity: { id: externalIdentityId(LOGIN), created: true },
      contactFields: { identityLogonEnabled: true, identityEmailConfirmed: true },
    });
  });

  it("links it to the group's invited contact whose emailaddress1 is the provider's e-mail", () => {
    const inv = invitation({ type: 'group' }, { inviteContactIds: [A, B] });
    const plan = decide(
      inv,
      facts([], [contact(A, { email: 'other@example.com' }), contact(B, { email: 'ADA@example.com' })]),
    );
    expect(plan.contact).toMatchObject({ id: B, identity: { created: true } });
  });

  it('refuses not_invited for a single invitation without an invited contact', () => {
    expect(refusal(() => decide(invitation(), facts([], []))).reason).toBe('not_invited');
  });

  it('refuses not_invited for an open group invitation (no invited contacts)', () => {
    expect(refusal(() => decide(invitation({ type: 'group' }), facts([], [contact(A)]))).reason).toBe(
      'not_invited',
    );
  });

  it('refuses not_invited when no invited contact of the group has the e-mail', () => {
    const inv = invitation({ type: 'group' }, { inviteContactIds: [A] });
    const error = refusal(() => decide(inv, facts([], [contact(A, { email: 'other@example.com' })])));
    expect(error.reason).toBe('not_invited');
    expect(error.message).toContain('ada@example.com');
  });

  it('refuses not_invited for a group when the provider gave no e-mail', () => {
    const inv = invitation({ type: 'group' }, { inviteContactIds: [A] });
    const error = refusal(() =>
      decide(inv, facts([], [contact(A)]), { provider: PROVIDER, subject: 'sub-1' }),
    );
    expect(error.reason).toBe('not_invited');
    expect(error.message).toMatch(/gave no e-mail/);
  });

  it('ignores contacts the invitation does not name, even with the e-mail', () => {
    const inv = invitation({ type: 'group' }, { inviteContactIds: [A] });
    expect(refusal(() => decide(inv, facts([], [contact(B)]))).reason).toBe('not_invited');
  });

  it('refuses two invited contacts sharing the e-mail as invalid', () => {
    const inv = invitation({ type: 'group' }, { inviteContactIds: [A, B] });
    expect(refusal(() => decide(inv, facts([], [contact(A), contact(B)]))).reason).toBe('invalid');
  });

  it('refuses an inactive invited contact as invalid', () => {
    const inv = invitation({ inviteContactId: A });
    expect(refusal(() => decide(inv, facts([], [contact(A, { state: 1 })]))).reason).toBe('invalid');
  });

  it('refuses identity_in_use when a deactivated row holds the sign-in', () => {
    const dormant = row(B, { state: ExternalIdentityState.Inactive });
    expect(
      refusal(() => decide(invitation({ inviteContactId: A }), facts([dormant], [contact(A)]))).reason,
    ).toBe('identity_in_use');
  });

  it('refuses identity_in_use when the row id of this sign-in holds another sign-in', () => {
    const squatter = row(B, { subject: 'edited-by-hand' });
    expect(
      refusal(() => decide(invitation({ inviteContactId: A }), facts([squatter], [contact(A)]))).reason,
    ).toBe('identity_in_use');
  });

  it('still applies the invitation rules after: a redeemed single refuses already_redeemed', () => {
    const inv = invitation({ inviteContactId: A, redemptions: 1, redeemedContactId: A, status: 'redeemed' });
    expect(refusal(() => decide(inv, facts([], [contact(A)]))).reason).toBe('already_redeemed');
  });

  it('still applies the invitation rules after: an expired code refuses expired before anything else', () => {
    const inv = invitation({ inviteContactId: B, expiresOn: new Date(NOW - 1) });
    expect(refusal(() => decide(inv, facts([row(A)]))).reason).toBe('expired');
  });
});

describe('the contact columns a new link writes', () => {
  it("confirms the e-mail only when the provider vouched for the contact's address", () => {
    expect(signUpFields(contact(A, { email: 'someone@else.example' }), LOGIN)).toEqual({
      identityLogonEnabled: true,
    });
  });

  it('sets a missing emailaddress1 from the provider, confirmed', () => {
    expect(signUpFields(contact(A, { email: undefined }), LOGIN)).toEqual({
      identityLogonEnabled: true,
      email: 'ada@example.com',
      identityEmailConfirmed: true,
    });
  });

  it('fills a missing first and last name, and never overwrites one', () => {
    const login = { ...LOGIN, firstName: 'Ada', lastName: 'Lovelace' };
    expect(signUpFields(contact(A, { firstName: 'Augusta' }), login)).toMatchObject({ lastName: 'Lovelace' });
    expect(signUpFields(contact(A, { firstName: 'Augusta' }), login).firstName).toBeUndefined();
  });
});
