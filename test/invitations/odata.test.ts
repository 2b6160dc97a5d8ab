import nock from 'nock';
import { anyOf, queryAnyOf, quote } from '../../sdk/invitations/odata';
import { API, batchGetReply, collection, ORG, orgClient, resetNock } from './nock-support';

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

const emails = (n: number, stem = 'person') =>
  Array.from({ length: n }, (_, i) => anyOf('emailaddress1', [`${stem}${i}@example.com`]));

describe('OData helpers', () => {
  it('doubles quotes in a literal and leaves the percent-encoding to the URL', () => {
    expect(quote("o'brien+tag&x@example.com")).toBe("'o''brien+tag&x@example.com'");
  });

  it('sends a short "any of" query as a plain GET', async () => {
    const scope = nock(ORG)
      .get(`${API}/contacts`)
      .query(true)
      .reply(200, collection([{ contactid: 'a' }]));
    const rows = await queryAnyOf(orgClient(), 'contacts', { select: ['contactid'], terms: emails(3) });
    scope.done();
    expect(rows).toEqual([{ contactid: 'a' }]);
  });

  it('sends a thousand e-mail addresses as two 500-term GETs inside one $batch request', async () => {
    let body = '';
    const scope = nock(ORG)
      .post(`${API}/$batch`, (b: string) => {
        body = b;
        return true;
      })
      .reply(...batchGetReply({ value: [{ contactid: 'a' }] }, { value: [{ contactid: 'b' }] }));
    const rows = await queryAnyOf(orgClient(), 'contacts', {
      select: ['contactid'],
      terms: emails(1000),
      where: 'statecode eq 0',
    });
    scope.done();
    expect(rows).toEqual([{ contactid: 'a' }, { contactid: 'b' }]);
    expect(
      body.match(/GET \S*contacts\?\$select=contactid&\$filter=statecode%20eq%200%20and%20\(emailaddress1/g),
    ).toHaveLength(2);
    expect(body).toContain('person999%40example.com');
  });

  it('sends one query too long for a safe URL as a GET inside a $batch', async () => {
    const scope = nock(ORG)
      .post(`${API}/$batch`)
      .reply(...batchGetReply({ value: [] }));
    await queryAnyOf(orgClient(), 'contacts', {
      select: ['contactid'],
      terms: emails(200, 'someone.with.a.rather.long.name.'),
    });
    scope.done();
  });
});
