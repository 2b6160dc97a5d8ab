/**
 * Against the emulator: concurrent redemptions with one external sign-in leave at most one link,
 * because every link of a sign-in gets the row id derived from it and is created inside the
 * redemption's change set; the losers read again and redeem through the link, or are refused.
 */
import type { DataverseApi } from '../../sdk/client/api';
import type { BatchItem, BatchOptions } from '../../sdk/client/types';
import { InvitationService } from '../../sdk/invitations/service';
import { externalIdentityId } from '../../sdk/identities/login';
import {
  ENTRA,
  invitationState,
  outcomes,
  redemptionCount,
  SEED,
  signInRows,
  startSignInHarness,
  type SignInHarness,
} from './sign-in-support';

let h: SignInHarness;
beforeEach(async () => {
  h = await startSignInHarness({ maxConcurrency: 16 });
});
afterEach(() => h.close());

const LOGIN = { provider: ENTRA, subject: 'racing-subject', email: 'alice.adams@example.com' };

/**
 * The client, except that the first `n` change sets wait until all `n` have been sent: every
 * racer has read (and decided on) the same state before any of them writes.
 */
function heldUntilAllDecided(client: DataverseApi, n: number): DataverseApi {
  let left = n;
  const waiting: (() => void)[] = [];
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'batch') {
        return async (items: BatchItem[], options?: BatchOptions) => {
          if (left > 0 && items.some((i) => 'changeSet' in i)) {
            left--;
            await new Promise<void>((resolve) => {
              waiting.push(resolve);
              if (left === 0) waiting.forEach((release) => release());
            });
          }
          return target.batch(items, options);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('two redemptions with one sign-in that both decided "not linked yet"', () => {
  it('both redeem when they are for the same contact: the loser reads again and uses the link', async () => {
    const setup = new InvitationService(h.client);
    const [g1, g2] = await Promise.all([
      setup.create({ type: 'group', contacts: [SEED.contacts.alice] }),
      setup.create({ type: 'group', contacts: [SEED.contacts.alice] }),
    ]);
    const service = new InvitationService(heldUntilAllDecided(h.client, 2));

    const results = await Promise.all([g1, g2].map((i) => service.redeem(i.code!, { externalLogin: LOGIN })));

    expect(results.map((r) => r.identityLinked).sort()).toEqual([false, true]);
    expect(await signInRows(h.client)).toHaveLength(1);
    expect(await redemptionCount(h.client, g1.id)).toBe(1);
    expect(await redemptionCount(h.client, g2.id)).toBe(1);
  });

  it('refuses the loser identity_in_use when they are for different contacts, leaving it unwritten', async () => {
    const setup = new InvitationService(h.client);
    const [forAlice, forBob] = await Promise.all([
      setup.create({ type: 'single', contact: SEED.contacts.alice }),
      setup.create({ type: 'single', contact: SEED.contacts.bob }),
    ]);
    const service = new InvitationService(heldUntilAllDecided(h.client, 2));

    const results = await Promise.allSettled(
      [forAlice, forBob].map((i) => service.redeem(i.code!, { externalLogin: LOGIN })),
    );

    expect(outcomes(results)).toEqual({ ok: 1, identity_in_use: 1 });
    const rows = await signInRows(h.client);
    expect(rows).toHaveLength(1);
    const loser = results[0].status === 'rejected' ? forAlice : forBob;
    expect(await redemptionCount(h.client, loser.id)).toBe(0);
    expect(await invitationState(h.client, loser.id)).toMatchObject({ adx_redemptions: 0 });
    expect(rows[0]['_adx_contactid_value']).not.toBe(loser.inviteContactId);
  });
});

describe('concurrent redemptions with one sign-in', () => {
  it('lets 12 group invitations of the same contact all redeem through one link', async () => {
    const service = new InvitationService(h.client, { redeemAttempts: 20 });
    const invitations = await Promise.all(
      Array.from({ length: 12 }, () => service.create({ type: 'group', contacts: [SEED.contacts.alice] })),
    );

    const results = await Promise.allSettled(
      invitations.map((i) => service.redeem(i.code!, { externalLogin: LOGIN })),
    );

    expect(outcomes(results)).toEqual({ ok: 12 });
    const linked = results.filter((r) => r.status === 'fulfilled' && r.value.identityLinked);
    expect(linked).toHaveLength(1);
    expect(await signInRows(h.client)).toEqual([
      expect.objectContaining({
        adx_externalidentityid: externalIdentityId(LOGIN),
        _adx_contactid_value: SEED.contacts.alice,
      }),
    ]);
  });

  it('links the sign-in to one contact only when invitations for two contacts race', async () => {
    const service = new InvitationService(h.client, { redeemAttempts: 20 });
    const forAlice = await Promise.all(
      Array.from({ length: 6 }, () => service.create({ type: 'single', contact: SEED.contacts.alice })),
    );
    const forBob = await Promise.all(
      Array.from({ length: 6 }, () => service.create({ type: 'single', contact: SEED.contacts.bob })),
    );
    const all = forAlice.flatMap((a, i) => [a, forBob[i]]);

    const results = await Promise.allSettled(
      all.map((i) => service.redeem(i.code!, { externalLogin: LOGIN })),
    );

    const rows = await signInRows(h.client);
    expect(rows).toHaveLength(1);
    const winner = String(rows[0]['_adx_contactid_value']);
    const counts = outcomes(results);
    expect(counts).toEqual({ ok: 6, identity_in_use: 6 });
    for (const [i, invitation] of all.entries()) {
      const redeemed = results[i].status === 'fulfilled';
      expect(redeemed).toBe(
        invitation.inviteContactIds.includes(winner) || invitation.inviteContactId === winner,
      );
      expect(await redemptionCount(h.client, invitation.id)).toBe(redeemed ? 1 : 0);
    }
  });

  it('lets exactly one of 10 redemptions of one single code succeed, with one link', async () => {
    const service = new InvitationService(h.client, { redeemAttempts: 20 });
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => service.redeem(invitation.code!, { externalLogin: LOGIN })),
    );

    expect(outcomes(results)).toEqual({ ok: 1, already_redeemed: 9 });
    expect(await signInRows(h.client)).toHaveLength(1);
    expect(await invitationState(h.client, invitation.id)).toMatchObject({ adx_redemptions: 1 });
    expect(await redemptionCount(h.client, invitation.id)).toBe(1);
  });
});
