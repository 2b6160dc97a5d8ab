import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataverseClient, StaticTokenCredential } from '../../../sdk/client';
import { openDatabase, Store } from '../../../emulator/store/store';
import { startTestEmulator } from './helpers';
import type { TestEmulator } from './helpers';

async function allPages(
  em: TestEmulator,
  first: string,
  pageSize: number,
): Promise<{ ids: string[]; pages: number[]; values: unknown[] }> {
  const ids: string[] = [];
  const pages: number[] = [];
  const values: unknown[] = [];
  let next: string | undefined = first;
  while (next) {
    const res = await em.request('GET', next, { headers: { Prefer: `odata.maxpagesize=${pageSize}` } });
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
    pages.push(res.json.value.length);
    for (const row of res.json.value) {
      ids.push(row.contactid);
      values.push(row);
    }
    next = res.json['@odata.nextLink'];
  }
  return { ids, pages, values };
}

describe('emulator core: paging', () => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator();
    const targets = Array.from({ length: 23 }, (_, i) => ({
      '@odata.type': 'Microsoft.Dynamics.CRM.contact',
      lastname: `Page${String(i % 4)}`,
      firstname: i % 5 === 0 ? null : `F${String(i).padStart(2, '0')}`,
    }));
    await em.request('POST', 'contacts/Microsoft.Dynamics.CRM.CreateMultiple', {
      body: { Targets: targets },
    });
  });
  afterAll(() => em.close());

  test('odata.maxpagesize cuts pages and @odata.nextLink with a $skiptoken paging cookie continues them', async () => {
    const res = await em.request('GET', "contacts?$select=fullname&$filter=startswith(lastname,'Page')", {
      headers: { Prefer: 'odata.maxpagesize=10' },
    });
    expect(res.json.value).toHaveLength(10);
    expect(res.json['@odata.nextLink']).toMatch(/\$skiptoken=%3Ccookie%20pagenumber%3D%222%22/);
    expect(res.headers.get('preference-applied')).toBe('odata.maxpagesize=10');
  });

  test('following nextLink visits every row once, in order, with ties and nulls in the sort', async () => {
    const query = `contacts?$select=lastname,firstname&$filter=${encodeURIComponent("startswith(lastname,'Page')")}&$orderby=lastname desc,firstname`;
    const paged = await allPages(em, query, 4);
    const whole = await allPages(em, query, 5000);
    expect(paged.pages).toEqual([4, 4, 4, 4, 4, 3]);
    expect(new Set(paged.ids).size).toBe(23);
    expect(paged.ids).toEqual(whole.ids);
  });

  test('$top alone returns one page of at most that many rows, without nextLink', async () => {
    const res = await em.request('GET', 'contacts?$select=fullname&$top=3');
    expect(res.json.value).toHaveLength(3);
    expect(res.json['@odata.nextLink']).toBeUndefined();
  });

  test('$top with odata.maxpagesize is ignored, as page-results.md says: the query pages', async () => {
    const res = await em.request('GET', 'contacts?$select=fullname&$top=3', {
      headers: { Prefer: 'odata.maxpagesize=2' },
    });
    expect(res.json.value).toHaveLength(2);
    expect(res.json['@odata.nextLink']).toContain('$skiptoken=');
  });

  test('a tampered $skiptoken is 400', async () => {
    const res = await em.request('GET', 'contacts?$skiptoken=garbage');
    expect(res.status).toBe(400);
  });
});

describe('emulator core: paging 100,000 rows', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-paging-'));
  const file = path.join(dir, 'big.db');
  let em: TestEmulator;
  beforeAll(async () => {
    const db = openDatabase(file);
    const insert = db.prepare(
      'INSERT INTO contact (contactid, lastname, fullname, versionnumber, statecode, statuscode) VALUES (?, ?, ?, ?, 0, 1)',
    );
    db.transaction(() => {
      for (let i = 0; i < 100000; i++) insert.run(randomUUID(), `Bulk${i}`, `Bulk${i}`, 2000 + i);
    })();
    db.close();
    em = await startTestEmulator({ db: file, seed: false });
  }, 60000);
  afterAll(async () => {
    await em.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every row arrives exactly once in 5000-row pages, decoding no more than one page per request', async () => {
    // Rows are materialised only through Store.toStored; counting its calls per request shows that
    // the emulator holds one page at a time instead of loading the table.
    const decode = jest.spyOn(Store.prototype, 'toStored');
    const seen = new Set<string>();
    const decodedPerPage: number[] = [];
    let next: string | undefined = 'contacts?$select=lastname';
    while (next) {
      decode.mockClear();
      const res = await em.request('GET', next, { headers: { Prefer: 'odata.maxpagesize=5000' } });
      decodedPerPage.push(decode.mock.calls.length);
      for (const row of res.json.value) seen.add(row.contactid);
      next = res.json['@odata.nextLink'];
    }
    decode.mockRestore();
    expect(seen.size).toBe(100000);
    expect(decodedPerPage).toHaveLength(20);
    expect(Math.max(...decodedPerPage)).toBe(5000);
  }, 60000);
});

describe('the client and the emulator on $top', () => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator();
  });
  afterAll(() => em.close());

  test('list({ top }) fetches at most top rows, in one request', async () => {
    let requests = 0;
    const client = new DataverseClient({
      url: em.core.apiUrl.replace(/\/api\/data\/v9\.2\/$/, ''),
      credential: new StaticTokenCredential('test-token'),
      logger: { debug: (message) => void (message.startsWith('→ ') && requests++) },
    });
    const rows: unknown[] = [];
    for await (const row of client.list('contacts', { select: ['fullname'], top: 2 })) rows.push(row);
    expect(rows).toHaveLength(2);
    expect(requests).toBe(1);
  });
});
