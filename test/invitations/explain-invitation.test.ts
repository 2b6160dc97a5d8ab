/**
 * `explain` on the invitation itself, against the emulator in both data models: a code that would
 * be accepted (and what it grants), then each refusal of the redemption rules with its own test:
 * unknown code, inactive, expired (shown as stored and in UTC), limit reached, already redeemed
 * (by whom and when). Every test also checks that explain sent GETs only.
 */
import { InvitationError } from '../../sdk/invitations/index';
import {
  createWelcomeWorkflow,
  reasonCodes,
  SEED,
  SITE_NAME,
  startExplainEnv,
  writesSent,
  type ExplainEnv,
} from './explain-support';

let env: ExplainEnv;
afterEach(async () => {
  expect(writesSent(env)).toEqual([]);
  await env.close();
});

const HOUR = 3_600_000;

describe.each(['standard', 'enhanced'] as const)('in the %s data model', (model) => {
  beforeEach(async () => {
    env = await startExplainEnv(model);
  });

  test('a fresh invitation would be accepted, with the account, the roles by name and the workflow it grants', async () => {
    const workflowId = await createWelcomeWorkflow(env);
    const created = await env.service.create({
      type: 'single',
      contact: 'alice.adams@example.com',
      account: 'Contoso Partners',
      webRoles: ['Partners'],
      redemptionWorkflow: 'Welcome partner',
    });
    const e = await env.explain(created.code!, SEED.contacts.alice);
    expect(e).toMatchObject({ wouldRedeem: true, wouldSucceed: true, reasons: [] });
    expect(e.grants).toEqual({
      account: { id: SEED.accountId, name: 'Contoso Partners' },
      webRoles: [
        expect.objectContaining({
          name: 'Partners',
          dataModel: model,
          id: model === 'standard' ? SEED.webRoles.partners : SEED.enhancedWebRoles.partners,
        }),
      ],
      workflow: { id: workflowId, name: 'Welcome partner', activated: true },
    });
    expect(e.invitation?.site).toMatchObject({ name: SITE_NAME[model], dataModel: model });
    expect(e.who).toMatchObject({ id: SEED.contacts.alice, name: 'Alice Adams' });
  });

  test('an unknown code is refused as not found, and nothing else is read about it', async () => {
    const e = await env.explain('no-such-code');
    expect(reasonCodes(e)).toEqual(['not_found']);
    expect(e).toMatchObject({ wouldRedeem: false, redemptions: [] });
    expect(e.grants).toBeUndefined();
    expect(env.recorder.requests.filter((r) => r.includes('adx_inviteredemptions'))).toEqual([]);
  });

  test('a code in the wrong letter case is not found, and the explanation says codes are case-sensitive', async () => {
    const created = await env.service.create({
      type: 'group',
      contacts: [],
      code: 'Welcome-Partners-2026-Spring',
    });
    const e = await env.explain(created.code!.toLowerCase());
    expect(reasonCodes(e)).toEqual(['not_found']);
    expect(e.reasons[0].detail).toContain('1 invitation has it in a different letter case');
  });

  test('an inactive (revoked) invitation is refused as inactive', async () => {
    const created = await env.service.create({ type: 'group', contacts: [] });
    await env.service.revoke(created.id);
    const e = await env.explain(created.code!);
    expect(reasonCodes(e)).toEqual(['inactive']);
    expect(e.reasons[0].fix).toContain('Issue a new invitation');
  });

  test('an expired invitation is refused, its expiry shown as stored and in UTC', async () => {
    const expiresOn = new Date(Date.now() + HOUR);
    const created = await env.service.create({ type: 'group', contacts: [], expiresOn });
    const e = await env.explain(created.code!, undefined, Date.now() + 3 * HOUR);
    expect(reasonCodes(e)).toEqual(['expired']);
    expect(e.invitation?.expiry).toMatchObject({ utc: expiresOn.toISOString(), expired: true });
    expect(e.reasons[0].detail).toContain(`stored as "${e.invitation!.expiry!.stored}"`);
    expect(e.reasons[0].detail).toContain(`(${expiresOn.toISOString()} UTC)`);
  });

  test('the same invitation before its expiry is not refused', async () => {
    const created = await env.service.create({
      type: 'group',
      contacts: [],
      expiresOn: new Date(Date.now() + 5 * HOUR),
    });
    const e = await env.explain(created.code!);
    expect(e.invitation?.expiry?.expired).toBe(false);
    expect(reasonCodes(e)).toEqual([]);
  });

  test('a group invitation at its maximum is refused, naming who redeemed it', async () => {
    const created = await env.service.create({ type: 'group', contacts: [], maxRedemptions: 1 });
    await env.service.redeem(created.code!, { contactId: SEED.contacts.alice });
    const e = await env.explain(created.code!, SEED.contacts.bob);
    expect(reasonCodes(e)).toEqual(['max_redemptions']);
    expect(e.reasons[0].detail).toContain('maximum of 1 redemptions (1 so far: by Alice Adams');
  });

  test('a redeemed single invitation is refused as already redeemed, by whom and when', async () => {
    const created = await env.service.create({ type: 'single', contact: 'alice.adams@example.com' });
    const redeemed = await env.service.redeem(created.code!, { contactId: SEED.contacts.alice });
    const e = await env.explain(created.code!);
    expect(reasonCodes(e)).toEqual(['already_redeemed']);
    expect(e.redemptions).toEqual([
      {
        id: redeemed.redemptionId,
        contact: expect.objectContaining({ id: SEED.contacts.alice, name: 'Alice Adams' }),
        on: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect(e.reasons[0].detail).toContain(
      `by Alice Adams <alice.adams@example.com> (${SEED.contacts.alice}) on ${e.redemptions[0].on}`,
    );
  });

  test('a contact that already redeemed a group invitation is refused as already redeemed', async () => {
    const created = await env.service.create({ type: 'group', contacts: [] });
    await env.service.redeem(created.code!, { contactId: SEED.contacts.carol });
    const again = await env.explain(created.code!, 'carol.chen@example.org');
    expect(reasonCodes(again)).toEqual(['already_redeemed']);
    const other = await env.explain(created.code!, 'dan.diaz@example.org');
    expect(reasonCodes(other)).toEqual([]);
  });
});

test('a code longer than adx_invitationcode holds is not found without querying invitations', async () => {
  env = await startExplainEnv();
  const e = await env.explain('x'.repeat(201));
  expect(reasonCodes(e)).toEqual(['not_found']);
  expect(e.reasons[0].detail).toContain('at most 200 characters; this one has 201');
  expect(env.recorder.requests.filter((r) => r.includes('adx_invitations'))).toEqual([]);
});

test('every reason explain gives for a contact agrees with what redeem then does', async () => {
  env = await startExplainEnv();
  const single = await env.service.create({ type: 'single', contact: 'alice.adams@example.com' });
  const cases: [string, string][] = [
    [single.code!, SEED.contacts.bob],
    [single.code!, SEED.contacts.alice],
    [single.code!, SEED.contacts.alice],
  ];
  for (const [code, contactId] of cases) {
    const e = await env.explain(code, contactId);
    const outcome = await env.service.redeem(code, { contactId }).then(
      () => 'redeemed',
      (error: unknown) => (error instanceof InvitationError ? error.reason : String(error)),
    );
    expect([e.wouldRedeem, outcome]).toEqual(
      e.wouldRedeem ? [true, 'redeemed'] : [false, e.reasons[0].reason],
    );
  }
});
