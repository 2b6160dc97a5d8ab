/**
 * The redeem step across host processes: two `portal-invite plugins serve` processes (the built
 * CLI) in front of one emulator, posted deliveries of the same redemption at once — the identical
 * body to both, and re-sends with new RequestIds as Dataverse's retries carry. Its effects happen
 * once, counted in Dataverse and at its door; a host killed mid-way leaves work the other finishes.
 */
import { buildContext } from '../../plugins/pipeline';
import { RedemptionInProgressError } from '../../sdk/invitations';
import { answerForError } from '../../plugins/host/answers';
import { EntityReference, partyList, serializeRemoteExecutionContext } from '../../sdk/webhooks';
import {
  appliedOnce,
  startApplyHarness,
  type ApplyHarness,
  type Redemption,
} from '../invitations/apply-support';
import { CLI, ensureBuilt } from '../scripts/helpers/build';
import { tempDir } from '../scripts/helpers/emulator';
import { startScript, type LongRunning } from '../scripts/helpers/long-running';

beforeAll(() => ensureBuilt(), 180_000);
jest.setTimeout(90_000);

const KEY = 'redeem-once-key-not-a-secret';
let h: ApplyHarness;
const hosts: LongRunning[] = [];

beforeEach(async () => {
  h = await startApplyHarness();
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop('SIGKILL');
  await h.close();
});

/** A webhook host process talking to Dataverse through the recording proxy; resolves to its webhook URL. */
async function startHost(): Promise<{ process: LongRunning; url: string }> {
  const host = startScript(
    CLI,
    ['plugins', 'serve', '--port', '0', '--key', KEY, '--url', h.proxy.url],
    tempDir('redeem-once'),
  );
  hosts.push(host);
  await host.waitForOutput('Ctrl+C to stop');
  const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(host.output())![1];
  return { process: host, url: `${base}/api/webhooks/dataverse?code=${KEY}` };
}

/** The body Dataverse posts for the redeem step: a new RequestId/OperationId each time. */
function delivery(r: Redemption): string {
  const target = {
    logicalName: 'adx_inviteredemption',
    id: r.redemptionId,
    attributes: {
      subject: 'bob',
      regardingobjectid: new EntityReference('adx_invitation', r.invitationId),
      customers: partyList([new EntityReference('contact', r.contactId)], 11),
    },
  };
  const context = buildContext({ message: 'Create', entity: target.logicalName, stage: 40, mode: 1, target });
  return JSON.stringify(serializeRemoteExecutionContext(context));
}

const post = (url: string, body: string) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('the redeem step on two host processes', () => {
  it('20 concurrent deliveries (each body to both hosts): all 200, 1 workflow run, 1 link per role, 1 account write', async () => {
    const [a, b] = await Promise.all([startHost(), startHost()]);
    const r = await h.redeem();
    const bodies = Array.from({ length: 10 }, () => delivery(r));

    const answers = await Promise.all(bodies.flatMap((body) => [post(a.url, body), post(b.url, body)]));

    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(await h.effects(r)).toEqual(appliedOnce(r));
  });

  it('answers a delivery of a finished redemption 200 and writes nothing', async () => {
    const [a, b] = await Promise.all([startHost(), startHost()]);
    const r = await h.redeem();
    expect((await post(a.url, delivery(r))).status).toBe(200);
    const writes = h.proxy.exchanges.filter((e) => e.method !== 'GET').length;

    const again = await post(b.url, delivery(r));

    expect(again.status).toBe(200);
    expect(h.proxy.exchanges.filter((e) => e.method !== 'GET').length).toBe(writes);
  });

  it('a host killed after ExecuteWorkflow ran: the next delivery, on the other host, finishes without a second run', async () => {
    const [a, b] = await Promise.all([startHost(), startHost()]);
    const r = await h.redeem();
    h.proxy.onAnswer = async (exchange) => {
      if (!/ExecuteWorkflow$/.test(exchange.path)) return 'forward';
      await a.process.stop('SIGKILL');
      return 'drop';
    };
    const body = delivery(r);
    await expect(post(a.url, body)).rejects.toThrow();
    h.proxy.onAnswer = undefined;
    // The clock of the hosts cannot be moved, so the dead holder's lease is moved into the past.
    await h.direct.update('adx_inviteredemptions', r.redemptionId, {
      scheduledend: new Date(Date.now() - 1_000).toISOString(),
    });

    const retried = await post(b.url, body);

    expect(retried.status).toBe(200);
    expect(await h.effects(r)).toEqual(appliedOnce(r));
  });
});

describe('the answer for a redemption another delivery is applying', () => {
  it('is 503, which Dataverse retries', () => {
    const answer = answerForError(new RedemptionInProgressError('r-1', new Date(0)), 'ref');
    expect(answer.status).toBe(503);
  });
});
