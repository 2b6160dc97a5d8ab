/**
 * `explain` while redemptions happen: it only reads, so it never changes what they do, and each
 * explanation is decided on one read of the invitation; a redemption that commits after that
 * read is reported as a note instead of being mixed into the decision.
 */
import type { DataverseApi } from '../../sdk/client/api';
import { InvitationService } from '../../sdk/invitations/index';
import { reasonCodes, SEED, startExplainEnv, writesSent, type ExplainEnv } from './explain-support';

let env: ExplainEnv;
beforeEach(async () => {
  env = await startExplainEnv();
});
afterEach(async () => {
  expect(writesSent(env)).toEqual([]);
  await env.close();
});

test('explanations taken while three contacts redeem are each consistent, and change nothing', async () => {
  const created = await env.service.create({ type: 'group', contacts: [], maxRedemptions: 3 });
  const redeemers = [SEED.contacts.alice, SEED.contacts.bob, SEED.contacts.carol];
  const all = await Promise.all([
    ...redeemers.map((contactId) => env.service.redeem(created.code!, { contactId })),
    ...Array.from({ length: 7 }, () => env.explain(created.code!)),
  ]);
  for (const e of all.slice(redeemers.length) as Awaited<ReturnType<ExplainEnv['explain']>>[]) {
    const counted = e.invitation!.redemptions;
    expect(reasonCodes(e)).toEqual(counted >= 3 ? ['max_redemptions'] : []);
    expect(e.redemptions.length).toBeGreaterThanOrEqual(counted);
  }
  const final = await env.explain(created.code!, SEED.contacts.dan);
  expect(reasonCodes(final)).toEqual(['max_redemptions']);
  expect(final.redemptions.map((r) => r.contact?.id).sort()).toEqual([...redeemers].sort());
});

test('a redemption committed between the invitation read and the activity read is a note, not a refusal', async () => {
  const created = await env.service.create({ type: 'single', contact: 'alice.adams@example.com' });
  let redeemed = false;
  // Alice redeems right after explain has read the invitation, before it reads the activities.
  const racing = new Proxy(env.recorder.client, {
    get(target, prop, receiver) {
      if (prop !== 'list') return Reflect.get(target, prop, receiver);
      return (entitySet: string, ...rest: unknown[]) => {
        const list = (target.list as DataverseApi['list']).bind(target);
        if (entitySet !== 'adx_inviteredemptions' || redeemed) return list(entitySet, ...(rest as []));
        redeemed = true;
        const rows = (async function* () {
          await env.service.redeem(created.code!, { contactId: SEED.contacts.alice });
          yield* list(entitySet, ...(rest as []));
        })();
        return rows;
      };
    },
  });
  const e = await new InvitationService(racing).explain(created.code!);
  expect(redeemed).toBe(true);
  expect(reasonCodes(e)).toEqual([]);
  expect(e.redemptions).toHaveLength(1);
  expect(e.notes).toContain(
    '1 redemption(s) were recorded while this was being read (the invitation said 0); explain it again for the current answer.',
  );
  const again = await env.explain(created.code!);
  expect(reasonCodes(again)).toEqual(['already_redeemed']);
});
