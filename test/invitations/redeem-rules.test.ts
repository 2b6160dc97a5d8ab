import { InvitationError } from '../../sdk/invitations/errors';
import type { RedeemableInvitation, RegistrationCandidate } from '../../sdk/invitations/redeem-lookup';
import { decideRedemption } from '../../sdk/invitations/redeem-rules';
import type { RedemptionRequest } from '../../sdk/invitations/types';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const A = 'aaaaaaaa-0000-0000-0000-000000000001';
const B = 'bbbbbbbb-0000-0000-0000-000000000002';
const NEW = 'cccccccc-0000-0000-0000-000000000003';

function invitation(
  over: Partial<RedeemableInvitation['record']> = {},
  rest: Partial<RedeemableInvitation> = {},
): RedeemableInvitation {
  return {
    record: { id: 'inv-1', name: 'x', type: 'single', status: 'sent', redemptions: 0, ...over },
    state: 0,
    redeemedContactIds: [],
    inviteContactIds: [],
    etag: 'W/"1"',
    ...rest,
  };
}

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvitationError) return error.reason;
    throw error;
  }
  return undefined;
}

const decide = (
  inv: RedeemableInvitation | undefined,
  who: RedemptionRequest,
  candidates: RegistrationCandidate[] = [],
) => decideRedemption({ invitation: inv, who, candidates, now: NOW, newContactId: NEW });

describe('redemption rules: refusals', () => {
  it('refuses an unknown code with not_found', () => {
    expect(reasonOf(() => decide(undefined, { contactId: A }))).toBe('not_found');
  });

  it('refuses a deactivated invitation with inactive', () => {
    expect(reasonOf(() => decide(invitation({}, { state: 1 }), { contactId: A }))).toBe('inactive');
  });

  it('refuses an invitation whose expiry date has passed with expired', () => {
    const inv = invitation({ expiresOn: new Date(NOW - 1000) });
    expect(reasonOf(() => decide(inv, { contactId: A }))).toBe('expired');
  });

  it('treats an expiry a millisecond before now as expired (the portal accepts expiry >= now)', () => {
    expect(reasonOf(() => decide(invitation({ expiresOn: new Date(NOW - 1) }), { contactId: A }))).toBe(
      'expired',
    );
  });

  it('refuses a second redemption of a single invitation with already_redeemed', () => {
    const inv = invitation({ redemptions: 1, redeemedContactId: A, status: 'redeemed' });
    expect(reasonOf(() => decide(inv, { contactId: B }))).toBe('already_redeemed');
  });

  it('refuses a single invitation for another contact with not_invited', () => {
    expect(reasonOf(() => decide(invitation({ inviteContactId: A }), { contactId: B }))).toBe('not_invited');
  });

  it('refuses a group invitation at its maximum with max_redemptions', () => {
    const inv = invitation({ type: 'group', maximumRedemptions: 5, redemptions: 5 });
    expect(reasonOf(() => decide(inv, { contactId: A }))).toBe('max_redemptions');
  });

  it('refuses a contact redeeming a group invitation twice with already_redeemed', () => {
    const inv = invitation({ type: 'group', redemptions: 1 }, { redeemedContactIds: [A] });
    expect(reasonOf(() => decide(inv, { contactId: A }))).toBe('already_redeemed');
  });

  it('refuses a contact outside a group invitation’s invited contacts with not_invited', () => {
    const inv = invitation({ type: 'group' }, { inviteContactIds: [A] });
    expect(reasonOf(() => decide(inv, { contactId: B }))).toBe('not_invited');
  });
});

describe('redemption rules: acceptance', () => {
  it('lets the invited contact redeem a single invitation and marks it redeemed', () => {
    const plan = decide(invitation({ inviteContactId: A }), { contactId: A.toUpperCase() });
    expect(plan).toEqual({ contact: { kind: 'existing', id: A }, redemptions: 1, reachesMaximum: true });
  });

  it('lets anyone redeem a single invitation that names no contact', () => {
    expect(decide(invitation(), { contactId: B }).contact.id).toBe(B);
  });

  it('treats an empty group maximum as no limit', () => {
    const plan = decide(invitation({ type: 'group', redemptions: 1000 }), { contactId: A });
    expect(plan.reachesMaximum).toBe(false);
    expect(plan.redemptions).toBe(1001);
  });

  it('treats a group maximum of 0 as no limit', () => {
    const plan = decide(invitation({ type: 'group', maximumRedemptions: 0, redemptions: 7 }), {
      contactId: A,
    });
    expect(plan.reachesMaximum).toBe(false);
  });

  it('marks a group invitation redeemed by the redemption that reaches its maximum', () => {
    const plan = decide(invitation({ type: 'group', maximumRedemptions: 5, redemptions: 4 }), {
      contactId: A,
    });
    expect(plan.reachesMaximum).toBe(true);
  });
});

describe('redemption rules: registration', () => {
  const reg = { registration: { email: 'new@example.com', username: 'newbie', password: 'pw' } };

  it('registers the invited contact of a single invitation, guarded by the version read', () => {
    const inv = invitation(
      { inviteContactId: A },
      { inviteContactEmail: 'a@example.com', inviteContactEtag: 'W/"5"' },
    );
    expect(decide(inv, reg).contact).toEqual({
      kind: 'register-existing',
      id: A,
      setEmail: false,
      etag: 'W/"5"',
    });
  });

  it('refuses to register an invited contact that already has a portal account', () => {
    const inv = invitation({ inviteContactId: A }, { inviteContactUsername: 'someone' });
    expect(reasonOf(() => decide(inv, reg))).toBe('invalid');
  });

  it('refuses a username another contact holds', () => {
    const taken = [{ id: B, username: 'NEWBIE' }];
    expect(reasonOf(() => decide(invitation({ type: 'group' }), reg, taken))).toBe('invalid');
  });

  it('uses the one contact with the registering e-mail address, guarded by the version read', () => {
    const sameEmail = [{ id: B, email: 'NEW@example.com', etag: 'W/"9"' }];
    const plan = decide(invitation({ type: 'group' }), reg, sameEmail);
    expect(plan.contact).toEqual({ kind: 'register-existing', id: B, setEmail: false, etag: 'W/"9"' });
  });

  it('refuses a username held by a contact with the id a new registrant would get', () => {
    const earlier = [{ id: NEW, email: 'first@example.com', username: 'newbie' }];
    expect(reasonOf(() => decide(invitation({ type: 'group' }), reg, earlier))).toBe('invalid');
  });

  it('creates a new contact when nobody has the e-mail address', () => {
    expect(decide(invitation({ type: 'group' }), reg).contact).toEqual({ kind: 'register-new', id: NEW });
  });

  it('refuses when several contacts share the e-mail address', () => {
    const twins = [
      { id: A, email: 'new@example.com' },
      { id: B, email: 'new@example.com' },
    ];
    expect(reasonOf(() => decide(invitation({ type: 'group' }), reg, twins))).toBe('invalid');
  });
});
