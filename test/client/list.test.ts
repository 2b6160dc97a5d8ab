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
