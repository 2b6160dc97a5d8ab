/**
 * Input a careless or hostile client sends, answered as Dataverse would (or with a clear 400 where
 * Microsoft's docs are silent), never with a 500: $filter of literals only, text that has no valid
 * UTF-8 form, prototype keys in a body, and bodies over the size cap.
 */
import { rawConnection, statusOf } from '../../support/raw-http';
import { idFromEntityId, startTestEmulator, type TestEmulator } from './helpers';

let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator({ maxBodyBytes: 4096 });
});
afterAll(() => em.close());

describe('$filter of literals only', () => {
  it.each(['1 eq 1', "'a' eq 'a'", 'null eq null', "lastname eq 'x' or 1 eq 1", 'not 1 lt 2'])(
    "answers '%s' with Dataverse's 400 for a malformed query, not 500",
    async (filter) => {
      const res = await em.request('GET', `contacts?$filter=${encodeURIComponent(filter)}`);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('0x80060888');
      expect(res.json.error.message).toMatch(/compares literals only/);
    },
  );

  it("answers a function of literals only (contains('a','a')) with 400", async () => {
    const res = await em.request('GET', `contacts?$filter=${encodeURIComponent("contains('a','a')")}`);
    expect(res.status).toBe(400);
  });

  it('still compares two columns of the same row', async () => {
    const res = await em.request('GET', 'contacts?$filter=firstname eq lastname&$select=contactid');
    expect(res.status).toBe(200);
  });
});

describe('text storage', () => {
  it('refuses a lone surrogate in a JSON string with 400 0x80040278, writing nothing', async () => {
    const res = await em.request('POST', 'contacts', { body: '{"lastname":"Lone \\ud800 surrogate"}' });
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({
      code: '0x80040278',
      message: expect.stringMatching(/^The field 'lastname' contains one or more invalid characters\./),
    });
    const found = await em.request('GET', "contacts?$filter=startswith(lastname,'Lone')&$select=contactid");
    expect(found.json.value).toEqual([]);
  });

  it('refuses a control character XML does not allow, as Dataverse does', async () => {
    const res = await em.request('POST', 'contacts', { body: { lastname: 'Bell\u0007' } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('0x80040278');
  });

  it('stores a surrogate pair (an emoji) and reads it back intact', async () => {
    const created = await em.request('POST', 'contacts', { body: { lastname: 'Rocket \u{1F680}' } });
    const id = idFromEntityId(created.headers.get('OData-EntityId'));
    const row = await em.request('GET', `contacts(${id})?$select=lastname`);
    expect(row.json.lastname).toBe('Rocket \u{1F680}');
  });
});

describe('prototype keys in a body', () => {
  it('refuses "__proto__" as an unknown property and writes nothing', async () => {
    const res = await em.request('POST', 'contacts', {
      body: '{"lastname":"Proto","__proto__":{"emailaddress1":"inherited@example.com"}}',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/The property '__proto__' does not exist/);
    const found = await em.request('GET', "contacts?$filter=lastname eq 'Proto'&$select=contactid");
    expect(found.json.value).toEqual([]);
  });
});

describe('body size', () => {
  it('answers 413 from the Content-Length alone, without reading the body', async () => {
    const client = rawConnection(
      em.core.port,
      'POST /api/data/v9.2/contacts HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer t\r\n' +
        'Content-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{"lastname":"',
    );
    expect(statusOf(await client.waitFor(/\r\n\r\n/))).toBe(413);
    client.socket.destroy();
  });

  it('answers 413 as soon as a chunked body passes the limit, before it ends', async () => {
    const client = rawConnection(
      em.core.port,
      'POST /api/data/v9.2/contacts HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer t\r\n' +
        'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = 'a'.repeat(3000);
    client.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    client.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    expect(statusOf(await client.waitFor(/\r\n\r\n/))).toBe(413);
    client.socket.destroy();
  });
});
