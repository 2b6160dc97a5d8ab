/**
 * A redemption's grants happen once, however many applications race, against the emulator:
 * workflow jobs, role links and contact writes are counted in Dataverse and at its door.
 */
import { applyRedemption } from '../../sdk/invitations/apply-redemption';
import { RedemptionInProgressError } from '../../sdk/invitations/redemption-claim-options';
import { InvitationService } from '../../sdk/invitations/service';
import { appliedOnce, startApplyHarness, type ApplyHarness } from './apply-support';

let h: ApplyHarness;
beforeEach(async () => {
  h = await startApplyHarness();
});
afterEach(() => h.close());

/** Pauses that only yield to the event loop: waiting is counted, never slept. */
const yieldingSleep = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('applying one redemption many times at once', () => {
  it('20 concurrent InvitationService.applyRedemption(id) in one process: 1 workflow run, 1 link per role, 1 account write', async () => {
    const r = await h.redeem();
    const service = new InvitationService(h.newClient());

    const results = await Promise.all(
      Array.from({ length: 20 }, () => service.applyRedemption(r.redemptionId, { sleep: yieldingSleep })),
    );

    expect(await h.effects(r)).toEqual(appliedOnce(r));
    expect(results.filter((x) => x.workflowStarted)).toHaveLength(1);
    expect(results.flatMap((x) => x.rolesAdded).sort()).toEqual([...r.roleIds].sort());
    expect(results.filter((x) => x.accountAssigned)).toHaveLength(1);
  });

  it('20 concurrent applyRedemption from 20 clients (as many replicas would): the same single effects', async () => {
    const r = await h.redeem();

    await Promise.all(
      Array.from({ length: 20 }, () => applyRedemption(h.newClient(), r, { sleep: yieldingSleep })),
    );

    expect(await h.effects(r)).toEqual(appliedOnce(r));
  });

  it('applies everything and completes the activity with the workflow job recorded', async () => {
    const r = await h.redeem();

    const result = await applyRedemption(h.newClient(), r);

    expect(result).toEqual({ accountAssigned: true, rolesAdded: r.roleIds, workflowStarted: true });
    const row = await h.direct.retrieve('adx_inviteredemptions', r.redemptionId, {
      select: ['statecode', 'scheduledend', 'actualstart', 'actualend', 'description'],
    });
    const [job] = h.proxy.succeeded('POST', /ExecuteWorkflow$/).map((e) => JSON.parse(e.responseBody).Id);
    expect(row).toMatchObject({ statecode: 1, scheduledend: null });
    expect(row.actualstart).toEqual(expect.any(String));
    expect(row.actualend).toEqual(expect.any(String));
    expect(row.description).toContain(`"jobId":"${job}"`);
  });

  it('answers a finished redemption with nothing to do, writing nothing', async () => {
    const r = await h.redeem();
    await applyRedemption(h.newClient(), r);
    const writesBefore = h.proxy.exchanges.filter((e) => e.method !== 'GET').length;

    const again = await applyRedemption(h.newClient(), r);

    expect(again).toEqual({ accountAssigned: false, rolesAdded: [], workflowStarted: false });
    expect(h.proxy.exchanges.filter((e) => e.method !== 'GET').length).toBe(writesBefore);
  });

  it('gives RedemptionInProgressError, writing nothing, while another holder keeps its claim past the wait', async () => {
    const r = await h.redeem();
    const until = new Date(Date.now() + 60_000);
    await h.direct.update('adx_inviteredemptions', r.redemptionId, { scheduledend: until.toISOString() });
    let waited = 0;

    const error = await applyRedemption(h.newClient(), r, {
      waitMs: 2_000,
      pollMs: 500,
      sleep: async (ms) => {
        waited += ms;
      },
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RedemptionInProgressError);
    expect((error as RedemptionInProgressError).heldUntil).toEqual(until);
    expect(waited).toBe(2_000);
    expect(h.proxy.exchanges.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('keeps what else the description says when it writes the claim journal', async () => {
    const r = await h.redeem();
    await h.direct.update('adx_inviteredemptions', r.redemptionId, {
      description: 'Redeemed at the front desk.',
    });

    await applyRedemption(h.newClient(), r);

    const row = await h.direct.retrieve('adx_inviteredemptions', r.redemptionId, { select: ['description'] });
    expect(String(row.description).split('\n')[0]).toBe('Redeemed at the front desk.');
  });

  it('refuses a canceled redemption and grants nothing', async () => {
    const r = await h.redeem();
    await h.direct.update('adx_inviteredemptions', r.redemptionId, { statecode: 2, statuscode: 3 });

    await expect(applyRedemption(h.newClient(), r)).rejects.toMatchObject({ reason: 'inactive' });
    expect(h.proxy.exchanges.filter((e) => e.method !== 'GET')).toEqual([]);
  });
});
