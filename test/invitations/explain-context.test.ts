/**
 * `explain` beyond the redemption rules, against the emulator: whether the invitee can have the
 * code (the invited contact's e-mail address, the last Send Invitation job) and whether the site's
 * registration settings let its portal redeem codes, in both data models. These refuse nothing in
 * `redeem` itself, so the explanation says the code would redeem but not succeed.
 */
import { executeWorkflowBody, MessageName } from '../../sdk/entities/index';
import {
  reasonCodes,
  SEED,
  setSiteSetting,
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

/** Runs Send Invitation on the invitation directly (what `send` refuses to do without an e-mail). */
async function runSendWorkflow(invitationId: string): Promise<void> {
  await env.client
    .callAction(MessageName.ExecuteWorkflow, executeWorkflowBody(invitationId), {
      boundTo: { entitySet: 'workflows', id: SEED.sendInvitationWorkflowId },
    })
    .catch(() => undefined);
}

/** Bob's invitation: a Send Invitation job that failed (no e-mail address), then a resend that worked. */
async function explainAfterFailedSendThenResend() {
  const created = await env.service.create({ type: 'single', contact: 'bob.brown@example.com' });
  await env.client.update('contacts', SEED.contacts.bob, { emailaddress1: null });
  await runSendWorkflow(created.id);
  await env.client.update('contacts', SEED.contacts.bob, { emailaddress1: 'bob.brown@example.com' });
  await env.service.send(created.id);
  return env.explain(created.code!);
}

describe('delivery', () => {
  beforeEach(async () => {
    env = await startExplainEnv();
  });

  test('an invited contact without emailaddress1 is a reason, though the code itself would redeem', async () => {
    const created = await env.service.create({ type: 'single', contact: 'alice.adams@example.com' });
    await env.client.update('contacts', SEED.contacts.alice, { emailaddress1: null });
    const e = await env.explain(created.code!);
    expect(reasonCodes(e)).toEqual(['invited_contact_no_email']);
    expect(e).toMatchObject({ wouldRedeem: true, wouldSucceed: false });
    expect(e.reasons[0]).toMatchObject({
      scope: 'delivery',
      fix: expect.stringContaining(`invite send ${created.id}`),
    });
  });

  test('a failed last Send Invitation job is a reason, with the job’s message', async () => {
    const created = await env.service.create({ type: 'single', contact: 'bob.brown@example.com' });
    await env.client.update('contacts', SEED.contacts.bob, { emailaddress1: null });
    await runSendWorkflow(created.id);
    await env.client.update('contacts', SEED.contacts.bob, { emailaddress1: 'bob.brown@example.com' });
    const e = await env.explain(created.code!);
    expect(reasonCodes(e)).toEqual(['send_failed']);
    expect(e.lastSend).toMatchObject({ outcome: 'failed', message: expect.any(String) });
    expect(e.reasons[0].detail).toContain(`job (${e.lastSend!.id}`);
    expect(e.reasons[0].detail).toContain(e.lastSend!.message);
  });

  test('a successful send after a failed one leaves no reason', async () => {
    const e = await explainAfterFailedSendThenResend();
    expect(e.lastSend?.outcome).toBe('succeeded');
    expect(reasonCodes(e)).toEqual([]);
  });

  test('a resend whose job has the same created-on time as the failed one still counts as the last', async () => {
    // Dataverse (and the emulator) return createdon to the second: a resend right after a failure ties.
    await env.close();
    const frozen = new Date();
    env = await startExplainEnv(undefined, () => new Date(frozen));
    const e = await explainAfterFailedSendThenResend();
    expect(e.lastSend).toMatchObject({ outcome: 'succeeded' });
    expect(reasonCodes(e)).toEqual([]);
  });

  test('an invitation never sent is a note, not a reason', async () => {
    const created = await env.service.create({ type: 'single', contact: 'carol.chen@example.org' });
    const e = await env.explain(created.code!);
    expect(e.lastSend).toBeUndefined();
    expect(e.notes[0]).toMatch(/^It has not been sent/);
  });
});

describe.each(['standard', 'enhanced'] as const)('the %s site’s registration settings', (model) => {
  beforeEach(async () => {
    env = await startExplainEnv();
  });

  const invitation = () => env.service.create({ type: 'group', contacts: [], site: SITE_NAME[model] });

  test('registration disabled on the site is a reason naming the site and the fix', async () => {
    const created = await invitation();
    await setSiteSetting(env, model, 'Authentication/Registration/Enabled', 'false');
    const e = await env.explain(created.code!);
    expect(reasonCodes(e)).toEqual(['registration_disabled']);
    expect(e).toMatchObject({ wouldRedeem: true, wouldSucceed: false });
    expect(e.reasons[0].detail).toContain(SITE_NAME[model]);
    expect(e.reasons[0].fix).toContain(`site check --site "${SITE_NAME[model]}" --fix`);
  });

  test('the invitation form switched off on the site is a reason', async () => {
    const created = await invitation();
    await setSiteSetting(env, model, 'Authentication/Registration/InvitationEnabled', 'FALSE');
    await setSiteSetting(env, model, 'Authentication/Registration/RequiresInvitation', 'false');
    const e = await env.explain(created.code!);
    expect(reasonCodes(e)).toEqual(['invitations_disabled']);
  });

  test('no sign-in method on the site is a reason', async () => {
    const created = await invitation();
    await setSiteSetting(env, model, 'Authentication/Registration/LocalLoginEnabled', 'false');
    await setSiteSetting(env, model, 'Authentication/Registration/ExternalLoginEnabled', 'false');
    const e = await env.explain(created.code!);
    expect(reasonCodes(e)).toEqual(['no_sign_in']);
  });

  test('the site’s verdict is reported with the explanation', async () => {
    const created = await invitation();
    const e = await env.explain(created.code!);
    expect(e.sites).toEqual([
      {
        site: expect.objectContaining({ name: SITE_NAME[model] }),
        verdict: model === 'enhanced' ? 'invitation-only' : 'open',
      },
    ]);
  });
});

describe('an invitation that names no site', () => {
  beforeEach(async () => {
    env = await startExplainEnv();
  });

  test('is refused by the sites only when every site refuses it', async () => {
    const created = await env.service.create({ type: 'group', contacts: [] });
    await setSiteSetting(env, 'standard', 'Authentication/Registration/Enabled', 'false');
    const one = await env.explain(created.code!);
    expect(reasonCodes(one)).toEqual([]);
    expect(one.notes.join('\n')).toContain('Site Contoso Partner Portal (standard data model');
    await setSiteSetting(env, 'enhanced', 'Authentication/Registration/Enabled', 'false');
    const both = await env.explain(created.code!);
    expect(reasonCodes(both)).toEqual(['registration_disabled', 'registration_disabled']);
  });

  test('notes a site that is not invitation-only', async () => {
    const created = await env.service.create({ type: 'group', contacts: [] });
    const e = await env.explain(created.code!);
    expect(e.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Site Contoso Partner Portal .* is not invitation-only: OpenRegistrationEnabled is true \(default\)/,
        ),
      ]),
    );
  });
});
