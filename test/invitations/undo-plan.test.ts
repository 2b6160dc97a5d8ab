/**
 * What undoing a redemption changes, decided on what was read (pure): the count, the status, the
 * redeemed contact, the roles (those another redeemed invitation grants are kept), the sign-in the
 * redemption created; and the refusals.
 */
import { ActivityState, ExternalIdentityState } from '../../sdk/entities/index';
import { InvitationError } from '../../sdk/invitations/errors';
import { RedemptionInProgressError } from '../../sdk/invitations/redemption-claim-options';
import { planUndo, undoNoteText } from '../../sdk/invitations/undo-plan';
import type { UndoFacts } from '../../sdk/invitations/undo-read';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const C = 'cccccccc-0000-0000-0000-000000000001';
const INV = 'dddddddd-0000-0000-0000-000000000002';
const OTHER = 'eeeeeeee-0000-0000-0000-000000000003';
const R1 = '11111111-0000-0000-0000-000000000001';
const R2 = '22222222-0000-0000-0000-000000000002';
const E1 = '33333333-0000-0000-0000-000000000003';

function facts(over: Partial<UndoFacts> = {}, invitation: Partial<UndoFacts['invitation']> = {}): UndoFacts {
  return {
    redemption: {
      id: 'red-1',
      etag: 'W/"5"',
      state: ActivityState.Completed,
      invitationId: INV,
      contactId: C,
    },
    invitation: {
      record: {
        id: INV,
        name: 'x',
        type: 'single',
        status: 'redeemed',
        redemptions: 1,
        redeemedContactId: C,
      },
      etag: 'W/"9"',
      state: 0,
      contactRecorded: true,
      sent: true,
      ...invitation,
    },
    granted: { standard: [R1, R2], enhanced: [E1] },
    held: { standard: [R1, R2], enhanced: [E1] },
    otherGrants: new Map(),
    roleNames: new Map([
      [R1, 'Partners'],
      [R2, 'Authenticated Users'],
      [E1, 'Suppliers'],
    ]),
    ...over,
  };
}

describe('undoing a redemption', () => {
  it('takes the count down by one and puts a Redeemed status back to Sent when it was e-mailed', () => {
    const plan = planUndo(facts(), NOW);
    expect(plan.redemptions).toEqual({ before: 1, after: 0 });
    expect(plan.status).toEqual({ before: 'redeemed', after: 'sent' });
    expect(plan.redeemedContactRemoved).toBe(true);
  });

  it('puts a Redeemed status back to New when the invitation was never e-mailed', () => {
    expect(planUndo(facts({}, { sent: false }), NOW).status.after).toBe('new');
  });

  it('keeps a status that was not Redeemed (a group below its maximum)', () => {
    const group = facts(
      {},
      { record: { id: INV, name: 'g', type: 'group', status: 'sent', redemptions: 3 } },
    );
    expect(planUndo(group, NOW)).toMatchObject({
      status: { before: 'sent', after: 'sent' },
      redemptions: { after: 2 },
    });
  });

  it('leaves a revoked invitation revoked', () => {
    const revoked = facts(
      {},
      { state: 1, record: { id: INV, name: 'x', type: 'single', status: 'inactive', redemptions: 1 } },
    );
    expect(planUndo(revoked, NOW).status.after).toBe('inactive');
  });

  it('removes the roles the invitation granted in both data models', () => {
    expect(planUndo(facts(), NOW).rolesRemoved).toEqual([
      { id: R1, name: 'Partners', dataModel: 'standard' },
      { id: R2, name: 'Authenticated Users', dataModel: 'standard' },
      { id: E1, name: 'Suppliers', dataModel: 'enhanced' },
    ]);
  });

  it('keeps a role another redeemed invitation of the contact also grants, naming that invitation', () => {
    const plan = planUndo(facts({ otherGrants: new Map([[R1, [OTHER]]]) }), NOW);
    expect(plan.rolesKept).toEqual([{ id: R1, name: 'Partners', dataModel: 'standard', grantedBy: [OTHER] }]);
    expect(plan.rolesRemoved.map((r) => r.id)).toEqual([R2, E1]);
  });

  it('does not count roles the contact does not hold', () => {
    expect(planUndo(facts({ held: { standard: [R2] } }), NOW).rolesRemoved.map((r) => r.id)).toEqual([R2]);
  });

  it('removes the sign-in the redemption created when it still points to the contact', () => {
    const identity = {
      id: 'row-1',
      provider: 'p',
      subject: 's',
      contactId: C,
      state: ExternalIdentityState.Active,
    };
    expect(planUndo(facts({ identity }), NOW).identityRemoved).toEqual({
      id: 'row-1',
      provider: 'p',
      subject: 's',
    });
  });

  it('leaves a sign-in row that has been moved to another contact', () => {
    const identity = { id: 'row-1', provider: 'p', subject: 's', contactId: OTHER };
    expect(planUndo(facts({ identity }), NOW).identityRemoved).toBeUndefined();
  });

  it('removes the local account the redemption registered, and says so in the note', () => {
    const plan = planUndo(facts({ registeredUsername: 'ada' }), NOW);
    expect(plan.localAccountRemoved).toEqual({ username: 'ada' });
    expect(undoNoteText(plan, NOW)).toContain('Local portal account removed: username "ada"');
  });

  it('refuses a redemption already undone (canceled) as invalid', () => {
    const canceled = facts({ redemption: { ...facts().redemption, state: ActivityState.Canceled } });
    expect(() => planUndo(canceled, NOW)).toThrow(InvitationError);
    expect(() => planUndo(canceled, NOW)).toThrow(/already undone/);
  });

  it('refuses while another delivery holds the claim on applying it', () => {
    const held = facts({
      redemption: { ...facts().redemption, state: ActivityState.Open, leaseUntil: new Date(NOW + 5000) },
    });
    expect(() => planUndo(held, NOW)).toThrow(RedemptionInProgressError);
  });

  it('undoes an open redemption whose claim has expired', () => {
    const stale = facts({
      redemption: { ...facts().redemption, state: ActivityState.Open, leaseUntil: new Date(NOW - 1) },
    });
    expect(planUndo(stale, NOW).redemptions.after).toBe(0);
  });

  it('writes a note saying what was done and what was kept and why', () => {
    const plan = planUndo(facts({ otherGrants: new Map([[R1, [OTHER]]]) }), NOW);
    const text = undoNoteText(plan, NOW);
    expect(text).toContain('was undone on 2026-06-01T00:00:00.000Z');
    expect(text).toContain('Redemptions: 1 → 0.');
    expect(text).toContain('Status: redeemed → sent.');
    expect(text).toContain(
      `Web role kept: Partners (standard data model, ${R1}), also granted by invitation ${OTHER}.`,
    );
    expect(text).toContain('Sign-in removed: none');
  });
});
