import nock from 'nock';
import { InvalidArgumentError } from '../../sdk/errors';
import { InvitationService } from '../../sdk/invitations/service';
import type { CreateInvitationInput, CreateManyResult } from '../../sdk/invitations/types';
import { API, collection, filterOf, ORG, orgClient, resetNock } from './nock-support';

const now = () => Date.parse('2026-06-01T00:00:00Z');
const CREATE_MULTIPLE = `${API}/adx_invitations/Microsoft.Dynamics.CRM.CreateMultiple`;
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const contactId = (n: number) => `cccccccc-0000-0000-0000-${String(n).padStart(12, '0')}`;
const email = (n: number) => `user${n}@example.com`;

function row(n: number, over: Partial<CreateInvitationInput> = {}): CreateInvitationInput {
  return { id: id(n), type: 'single', contact: email(n), code: `code-${n}-0123456789abcdefghij`, ...over };
}

function contactsReply(uri: string) {
  const filter = decodeURIComponent(new URL(uri, ORG).searchParams.get('$filter') ?? '');
  const found = [...filter.matchAll(/user(\d+)@example\.com/g)]
    .map((m) => Number(m[1]))
    .filter((n) => n !== 99)
    .map((n) => ({ contactid: contactId(n), emailaddress1: email(n) }));
  return collection(found);
}

async function collect(iterable: AsyncIterable<CreateManyResult>): Promise<CreateManyResult[]> {
  const out: CreateManyResult[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('InvitationService.createMany', () => {
  it('refuses a chunk size above 1000 as a bad chunkSize, before any request', async () => {
    const error = await collect(
      new InvitationService(orgClient(), { now }).createMany([row(1)], { chunkSize: 1001 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'chunkSize' });
  });

  it('spends one contact query, one code check and one CreateMultiple per chunk, with the client-chosen ids', async () => {
    const targets: Record<string, unknown>[][] = [];
    const scope = nock(ORG)
      .get(`${API}/contacts`)
      .times(2)
      .query(true)
      .reply(200, (uri) => contactsReply(uri))
      .get(`${API}/adx_invitations`)
      .times(2)
      .query((q) => filterOf(q).includes('adx_invitationcode eq'))
      .reply(200, collection([]))
      .post(CREATE_MULTIPLE, (body: { Targets: Record<string, unknown>[] }) => {
        targets.push(body.Targets);
        return true;
      })
      .times(2)
      .reply(200, (_uri, body) => ({
        Ids: (body as { Targets: { adx_invitationid: string }[] }).Targets.map((t) => t.adx_invitationid),
      }));
    const progress: unknown[] = [];

    const results = await collect(
      new InvitationService(orgClient(), { now }).createMany([row(1), row(2), row(3)], {
        chunkSize: 2,
        onProgress: (p) => progress.push(p),
      }),
    );

    scope.done();
    expect(results.map((r) => [r.index, r.status, r.id])).toEqual([
      [0, 'created', id(1)],
      [1, 'created', id(2)],
      [2, 'created', id(3)],
    ]);
    expect(targets.map((t) => t.length)).toEqual([2, 1]);
    expect(targets[0][0]).toMatchObject({
      adx_invitationid: id(1),
      adx_invitationcode: 'code-1-0123456789abcdefghij',
      'adx_inviteContact@odata.bind': `/contacts(${contactId(1)})`,
    });
    expect(progress).toEqual([
      { done: 2, created: 2, failed: 0 },
      { done: 3, created: 3, failed: 0 },
    ]);
  });

  it('reports unknown contacts and malformed e-mails per row and creates the others', async () => {
    const scope = nock(ORG)
      .get(`${API}/contacts`)
      .query(true)
      .reply(200, (uri) => contactsReply(uri))
      .post(CREATE_MULTIPLE)
      .reply(200, { Ids: [id(1)] });

    const results = await collect(
      new InvitationService(orgClient(), { now }).createMany([
        row(1, { code: undefined }),
        row(2, { contact: 'not-an-email', code: undefined }),
        row(3, { contact: email(99), code: undefined }),
      ]),
    );

    scope.done();
    expect(results.map((r) => r.status)).toEqual(['created', 'failed', 'failed']);
    expect(results[0].code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(results[1].reason).toMatch(/invalid e-mail "not-an-email"/);
    expect(results[2].reason).toMatch(/unknown contact "user99@example.com" \(not found\)/);
  });

  it('reports rows whose id already exists as exists and creates the rest (a resumed run)', async () => {
    const scope = nock(ORG)
      .get(`${API}/contacts`)
      .query(true)
      .reply(200, (uri) => contactsReply(uri))
      .post(CREATE_MULTIPLE)
      .reply(412, {
        error: { code: '0x80040237', message: 'A record with matching key values already exists.' },
      })
      .get(`${API}/adx_invitations`)
      .query((q) => filterOf(q).includes(`adx_invitationid eq ${id(1)}`))
      .reply(200, collection([{ adx_invitationid: id(1) }]))
      .post(CREATE_MULTIPLE, (body: { Targets: unknown[] }) => body.Targets.length === 1)
      .reply(200, { Ids: [id(2)] });

    const results = await collect(
      new InvitationService(orgClient(), { now }).createMany([
        row(1, { code: undefined }),
        row(2, { code: undefined }),
      ]),
    );

    scope.done();
    expect(results.map((r) => [r.status, r.id])).toEqual([
      ['exists', id(1)],
      ['created', id(2)],
    ]);
  });

  it('splits a chunk a plug-in refuses until the refused row is found', async () => {
    const refuse = { error: { code: '0x80040265', message: 'Invited contact has no e-mail.' } };
    const scope = nock(ORG)
      .get(`${API}/contacts`)
      .query(true)
      .reply(200, (uri) => contactsReply(uri))
      .post(CREATE_MULTIPLE)
      .reply(400, refuse)
      .get(`${API}/adx_invitations`)
      .times(2)
      .query(true)
      .reply(200, collection([]))
      .post(
        CREATE_MULTIPLE,
        (body: { Targets: { adx_invitationid: string }[] }) => body.Targets[0].adx_invitationid === id(1),
      )
      .reply(200, { Ids: [id(1)] })
      .post(CREATE_MULTIPLE)
      .reply(400, refuse);

    const results = await collect(
      new InvitationService(orgClient(), { now }).createMany([
        row(1, { code: undefined }),
        row(2, { code: undefined }),
      ]),
    );

    scope.done();
    expect(results.map((r) => r.status)).toEqual(['created', 'failed']);
    expect(results[1].reason).toMatch(/Invited contact has no e-mail/);
  });

  it('reads the input lazily: a chunk is written before later rows are produced', async () => {
    const events: string[] = [];
    const scope = nock(ORG)
      .get(`${API}/contacts`)
      .times(2)
      .query(true)
      .reply(200, (uri) => contactsReply(uri))
      .post(CREATE_MULTIPLE)
      .times(2)
      .reply(200, () => {
        events.push('write');
        return { Ids: [] };
      });
    async function* rows() {
      for (let n = 1; n <= 2; n++) {
        events.push(`row ${n}`);
        yield row(n, { code: undefined });
      }
    }
    await collect(new InvitationService(orgClient(), { now }).createMany(rows(), { chunkSize: 1 }));
    scope.done();
    expect(events).toEqual(['row 1', 'write', 'row 2', 'write']);
  });

  it('stops before the next chunk once the signal is aborted, having written the earlier ones', async () => {
    const controller = new AbortController();
    const scope = nock(ORG)
      .get(`${API}/contacts`)
      .query(true)
      .reply(200, (uri) => contactsReply(uri))
      .post(CREATE_MULTIPLE)
      .reply(200, { Ids: [id(1)] });
    const seen: CreateManyResult[] = [];
    const run = (async () => {
      const rows = [row(1, { code: undefined }), row(2, { code: undefined })];
      for await (const r of new InvitationService(orgClient(), { now }).createMany(rows, {
        chunkSize: 1,
        signal: controller.signal,
      })) {
        seen.push(r);
        controller.abort();
      }
    })();
    await expect(run).rejects.toThrow(/aborted/i);
    scope.done();
    expect(seen.map((r) => r.status)).toEqual(['created']);
  });
});
