import nock from 'nock';
import { FIXTURE_URL, withFixture } from '../support/fixtures';
import { testClient } from '../support/test-client';

const query = { select: ['fullname'], filter: 'statecode eq 0' };

describe('DataverseClient.list', () => {
  it('iterates every row across pages by following @odata.nextLink', async () => {
    const names = await withFixture('client/list-three-pages', async (url) => {
      const rows: string[] = [];
      for await (const row of testClient(url).client.list<{ fullname: string }>('contacts', query, {
        pageSize: 2,
      })) {
        rows.push(row.fullname);
      }
      return rows;
    });
    expect(names).toEqual(['Contact 1', 'Contact 2', 'Contact 3', 'Contact 4', 'Contact 5', 'Contact 6']);
  });

  it('byPage yields each page with the link to the next one', async () => {
    const pages = await withFixture('client/list-three-pages', async (url) => {
      const seen: { size: number; hasNext: boolean }[] = [];
      for await (const page of testClient(url).client.list('contacts', query, { pageSize: 2 }).byPage()) {
        seen.push({ size: page.value.length, hasNext: page.nextLink !== undefined });
      }
      return seen;
    });
    expect(pages).toEqual([
      { size: 2, hasNext: true },
      { size: 2, hasNext: true },
      { size: 2, hasNext: false },
    ]);
  });

  it('sends a query with top without odata.maxpagesize, which would make Dataverse ignore the $top', async () => {
    // The request and answer of Microsoft's example (query/overview, "Retrieve Data").
    let prefer: unknown = 'not asked';
    const scope = nock(FIXTURE_URL)
      .get('/api/data/v9.2/accounts?$select=name,statecode,statuscode&$orderby=name&$top=1')
      .reply(function () {
        prefer = this.req.headers.prefer;
        return [
          200,
          {
            '@odata.context': `${FIXTURE_URL}/api/data/v9.2/$metadata#accounts(name,statecode,statuscode)`,
            value: [
              {
                '@odata.etag': 'W/"112430907"',
                name: 'A. Datum Corporation (sample)',
                statecode: 0,
                statuscode: 1,
                accountid: '4b757ff7-9c85-ee11-8179-000d3a9933c9',
              },
            ],
          },
        ];
      });
    const rows: unknown[] = [];
    const list = testClient(FIXTURE_URL).client.list('accounts', {
      select: ['name', 'statecode', 'statuscode'],
      orderBy: 'name',
      top: 1,
    });
    for await (const row of list) rows.push(row);
    scope.done();
    expect(prefer).toBeUndefined();
    expect(rows).toHaveLength(1);
  });

  it('never yields more than top rows, even from a server that pages the query', async () => {
    const page = (n: number, next?: string) => ({
      value: Array.from({ length: n }, (_, i) => ({ contactid: `c${i}` })),
      ...(next ? { '@odata.nextLink': next } : {}),
    });
    const scope = nock(FIXTURE_URL)
      .get('/api/data/v9.2/contacts?$top=3')
      .reply(200, page(2, `${FIXTURE_URL}/api/data/v9.2/contacts?$top=3&$skiptoken=x`))
      .get('/api/data/v9.2/contacts?$top=3&$skiptoken=x')
      .reply(200, page(2, `${FIXTURE_URL}/api/data/v9.2/contacts?$top=3&$skiptoken=y`));
    const rows: unknown[] = [];
    for await (const row of testClient(FIXTURE_URL).client.list('contacts', { top: 3 })) rows.push(row);
    scope.done();
    expect(rows).toHaveLength(3);
  });

  it('refuses top together with pageSize, before sending anything', () => {
    const { client } = testClient(FIXTURE_URL);
    expect(() => client.list('contacts', { top: 10 }, { pageSize: 5 })).toThrow(
      /top \(10\) or pageSize \(5\), not both/,
    );
  });

  it('rejects a page size above the Web API maximum of 5000', () => {
    const { client } = testClient('https://contoso.crm.dynamics.com');
    expect(() => client.list('contacts', undefined, { pageSize: 5001 })).toThrow(/1 to 5000/);
  });

  it('count asks for $count=true&$top=0 and returns @odata.count', async () => {
    const count = await withFixture('client/count', (url) =>
      testClient(url).client.count('contacts', { filter: 'statecode eq 0' }),
    );
    expect(count).toBe(42);
  });

  describe('with a filter object', () => {
    const readmeQuery = { select: ['fullname'], filter: { statecode: 0 } };
    afterEach(() => nock.cleanAll());

    it('list sends the select and the filter percent-encoded', async () => {
      const scope = nock(FIXTURE_URL)
        .get((path) => path === '/api/data/v9.2/contacts?$select=fullname&$filter=statecode%20eq%200')
        .reply(200, { value: [{ fullname: 'A' }] });
      const rows: unknown[] = [];
      for await (const row of testClient(FIXTURE_URL).client.list('contacts', readmeQuery)) rows.push(row);
      expect(rows).toEqual([{ fullname: 'A' }]);
      scope.done();
    });

    it('count takes the same query and sends only its filter', async () => {
      const scope = nock(FIXTURE_URL)
        .get((path) => path === '/api/data/v9.2/contacts?$filter=statecode%20eq%200&$count=true&$top=0')
        .reply(200, { '@odata.count': 7, value: [] });
      await expect(testClient(FIXTURE_URL).client.count('contacts', readmeQuery)).resolves.toBe(7);
      scope.done();
    });
  });
});
