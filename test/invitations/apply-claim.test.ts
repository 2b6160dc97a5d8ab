/**
 * The claim on applying a redemption, at the level of the requests: its journal in the activity's
 * description, and the 412s an If-Match write can get — from another writer (lost) or from a repeat
 * of its own write whose first answer never arrived (won).
 */
import nock from 'nock';
import { claimRedemption } from '../../sdk/invitations/redemption-claim';
import {
  CLAIM_JOURNAL_MARKER,
  decodeDescription,
  encodeDescription,
} from '../../sdk/invitations/redemption-claim-journal';
import { claimTiming } from '../../sdk/invitations/redemption-claim-options';
import { API, ORG, orgClient, resetNock } from './nock-support';

const REDEMPTION = '60000000-0000-0000-0000-000000000001';
const NOW = Date.parse('2026-06-01T10:00:00Z');
const HOLDER = 'holder-a';
const timing = (overrides = {}) =>
  claimTiming({ now: () => NOW, holderId: HOLDER, sleep: async () => undefined, ...overrides });
const PATH = `${API}/adx_inviteredemptions(${REDEMPTION})`;
const open = (etag: string, extra: Record<string, unknown> = {}) => ({
  '@odata.etag': etag,
  activityid: REDEMPTION,
  statecode: 0,
  scheduledend: null,
  actualstart: null,
  description: null,
  ...extra,
});
const conflict = {
  error: { code: '0x80060882', message: 'The version of the existing record does not match.' },
};
const firstJournal = encodeDescription('', { holder: HOLDER, claims: 1, seq: 1 });

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('the claim journal', () => {
  it('reads back what it wrote and keeps the rest of the description', () => {
    const journal = { holder: 'h', claims: 2, seq: 5, workflow: { jobId: 'job-1' } };
    const text = encodeDescription('Redeemed at the desk.\n', journal);
    expect(text).toBe(`Redeemed at the desk.\n${CLAIM_JOURNAL_MARKER}${JSON.stringify(journal)}`);
    expect(decodeDescription(text)).toEqual({ journal, rest: 'Redeemed at the desk.' });
  });

  it('treats a description without a journal, or with a damaged one, as unclaimed and keeps it', () => {
    expect(decodeDescription('just a note')).toEqual({ journal: undefined, rest: 'just a note' });
    const damaged = `${CLAIM_JOURNAL_MARKER}{not json`;
    expect(decodeDescription(damaged)).toEqual({ journal: undefined, rest: damaged });
  });
});

describe('claimRedemption', () => {
  it('claims an open activity with If-Match on its etag, writing the lease, first claim time and journal', async () => {
    const scope = nock(ORG)
      .get(PATH)
      .query(true)
      .reply(200, open('W/"1"'))
      .patch(PATH, {
        scheduledend: new Date(NOW + 30_000).toISOString(),
        actualstart: new Date(NOW).toISOString(),
        description: firstJournal,
      })
      .matchHeader('If-Match', 'W/"1"')
      .query(true)
      .reply(200, open('W/"2"', { description: firstJournal }));

    const outcome = await claimRedemption(orgClient(), REDEMPTION, timing());

    scope.done();
    expect(outcome.kind).toBe('claimed');
  });

  it('takes its repeated write answered 412 for its own when the row holds exactly what it wrote', async () => {
    const scope = nock(ORG)
      .get(PATH)
      .query(true)
      .reply(200, open('W/"1"'))
      .patch(PATH)
      .query(true)
      .reply(412, conflict)
      .get(PATH)
      .query(true)
      .reply(200, open('W/"2"', { description: firstJournal }));

    const outcome = await claimRedemption(orgClient(), REDEMPTION, timing());

    scope.done();
    expect(outcome.kind).toBe('claimed');
  });

  it('waits when another writer won, and reports completion once that holder finished', async () => {
    const other = encodeDescription('', { holder: 'holder-b', claims: 1, seq: 1 });
    const scope = nock(ORG)
      .get(PATH)
      .query(true)
      .reply(200, open('W/"1"'))
      .patch(PATH)
      .query(true)
      .reply(412, conflict)
      .get(PATH)
      .query(true)
      .reply(200, open('W/"2"', { description: other, scheduledend: new Date(NOW + 30_000).toISOString() }))
      .get(PATH)
      .query(true)
      .reply(200, open('W/"3"', { statecode: 1 }));

    const outcome = await claimRedemption(orgClient(), REDEMPTION, timing());

    scope.done();
    expect(outcome.kind).toBe('completed');
  });

  it('takes over an expired claim, counting the claims and keeping the first claim time and workflow progress', async () => {
    const dead = encodeDescription('', {
      holder: 'holder-b',
      claims: 1,
      seq: 3,
      workflow: { startingAfter: '2026-06-01T09:00:00.000Z' },
    });
    const takeover = encodeDescription('', {
      holder: HOLDER,
      claims: 2,
      seq: 1,
      workflow: { startingAfter: '2026-06-01T09:00:00.000Z' },
    });
    const scope = nock(ORG)
      .get(PATH)
      .query(true)
      .reply(
        200,
        open('W/"7"', {
          description: dead,
          actualstart: '2026-06-01T09:00:00Z',
          scheduledend: '2026-06-01T09:00:30Z',
        }),
      )
      .patch(PATH, (body: Record<string, unknown>) => {
        return body.description === takeover && !('actualstart' in body);
      })
      .matchHeader('If-Match', 'W/"7"')
      .query(true)
      .reply(200, open('W/"8"', { description: takeover }));

    const outcome = await claimRedemption(orgClient(), REDEMPTION, timing());

    scope.done();
    expect(outcome.kind === 'claimed' && outcome.claim.previous?.holder).toBe('holder-b');
  });
});
