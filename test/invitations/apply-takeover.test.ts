/**
 * A holder that dies (or stalls) part-way through applying a redemption: the next delivery, once
 * the lease has expired, finishes the work, and no effect happens twice. Each test stops the first
 * holder at one crash point; the clock of the second is moved past the lease instead of waiting.
 */
import { applyRedemption, type ApplyRedemptionOptions } from '../../sdk/invitations/apply-redemption';
import { CLAIM_DEFAULTS } from '../../sdk/invitations/redemption-claim-options';
import { appliedOnce, startApplyHarness, type ApplyHarness, type Redemption } from './apply-support';
import { freezeAt, type StopAt } from './frozen-holder';

let h: ApplyHarness;
beforeEach(async () => {
  h = await startApplyHarness();
});
afterEach(() => h.close());

const afterLease = () => Date.now() + CLAIM_DEFAULTS.leaseMs + 1_000;

/** Starts a first holder that stops at `stop`, and resolves once it has (with what it resolves to if thawed). */
async function holderStoppedAt(r: Redemption, stop: StopAt, options: ApplyRedemptionOptions = {}) {
  const holder = freezeAt(h.newClient(), stop);
  const applied = applyRedemption(holder.api, r, options);
  applied.catch(() => undefined);
  await holder.stopped;
  return { ...holder, applied };
}

const next = (r: Redemption) => applyRedemption(h.newClient(), r, { now: afterLease });

describe('a holder killed mid-way', () => {
  it('right after taking the claim: the next delivery after the lease applies everything once', async () => {
    const r = await h.redeem();
    await holderStoppedAt(r, { method: 'update', target: 'adx_inviteredemptions', when: 'after' });

    const result = await next(r);

    expect(result).toEqual({ accountAssigned: true, rolesAdded: r.roleIds, workflowStarted: true });
    expect(await h.effects(r)).toEqual(appliedOnce(r));
  });

  it('after writing the account: the next delivery does not write it again', async () => {
    const r = await h.redeem();
    await holderStoppedAt(r, { method: 'update', target: 'contacts', when: 'after' });

    const result = await next(r);

    expect(result.accountAssigned).toBe(false);
    expect(await h.effects(r)).toEqual(appliedOnce(r));
  });

  it('after granting one role: the next delivery grants only the other', async () => {
    const r = await h.redeem();
    await holderStoppedAt(r, { method: 'associate', when: 'after' });

    const result = await next(r);

    expect(result.rolesAdded).toHaveLength(1);
    expect(await h.effects(r)).toEqual(appliedOnce(r));
  });

  it('after marking the workflow as starting but before ExecuteWorkflow was sent: the next delivery starts it, once', async () => {
    const r = await h.redeem();
    await holderStoppedAt(r, { method: 'callAction', target: 'ExecuteWorkflow', when: 'before' });

    const result = await next(r);

    expect(result.workflowStarted).toBe(true);
    expect(await h.effects(r)).toEqual(appliedOnce(r));
  });

  it('after ExecuteWorkflow ran but before its answer was recorded: the next delivery adopts that job', async () => {
    const r = await h.redeem();
    await holderStoppedAt(r, { method: 'callAction', target: 'ExecuteWorkflow', when: 'after' });
    const [job] = h.proxy.succeeded('POST', /ExecuteWorkflow$/).map((e) => JSON.parse(e.responseBody).Id);

    const result = await next(r);

    expect(result).toEqual({ accountAssigned: false, rolesAdded: [], workflowStarted: false });
    expect(await h.effects(r)).toEqual(appliedOnce(r));
    const row = await h.direct.retrieve('adx_inviteredemptions', r.redemptionId, { select: ['description'] });
    expect(row.description).toContain(`"jobId":"${job}"`);
  });

  it('while its lease still runs: the next delivery waits for it to expire, then finishes within the same call', async () => {
    const r = await h.redeem();
    let clock = Date.now();
    await holderStoppedAt(r, { method: 'update', target: 'contacts', when: 'after' }, { now: () => clock });
    let waited = 0;

    const result = await applyRedemption(h.newClient(), r, {
      now: () => clock,
      sleep: async (ms) => {
        waited += ms;
        clock += ms;
      },
    });

    expect(waited).toBe(CLAIM_DEFAULTS.leaseMs);
    expect(result.workflowStarted).toBe(true);
    expect(await h.effects(r)).toEqual(appliedOnce(r));
  });
});

describe('a holder that stalls past its lease', () => {
  it('stops at its next write once taken over, and never starts the workflow', async () => {
    const r = await h.redeem();
    const stalled = await holderStoppedAt(r, {
      method: 'update',
      target: 'adx_inviteredemptions',
      when: 'after',
    });
    await next(r);

    stalled.thaw();
    const settled = await stalled.applied;

    expect(settled).toEqual({ accountAssigned: false, rolesAdded: [], workflowStarted: false });
    expect(await h.effects(r)).toEqual(appliedOnce(r));
  });
});

describe('a holder whose completion Dataverse refuses', () => {
  it('gives the claim back with the job recorded, and the next delivery finishes at once without a second run', async () => {
    const r = await h.redeem();
    h.emulator.faults.add({
      method: 'PATCH',
      path: new RegExp(`/adx_inviteredemptions\\(${r.redemptionId}\\)`),
      bodyIncludes: '"statecode":1',
      status: 500,
      code: '0x80040216',
      message: 'An unexpected error occurred.',
    });

    await expect(applyRedemption(h.newClient(), r)).rejects.toMatchObject({ status: 500 });
    const result = await applyRedemption(h.newClient(), r);

    expect(result.workflowStarted).toBe(false);
    expect(await h.effects(r)).toEqual(appliedOnce(r));
  });
});
