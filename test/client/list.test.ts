import { withFixture } from '../support/fixtures';
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
});
