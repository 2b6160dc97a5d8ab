import { startTestEmulator, send } from './helpers';
import type { TestEmulator } from './helpers';

describe('emulator core: errors in Dataverse format', () => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator();
  });
  afterAll(() => em.close());

  test('an unknown entity set is 404 with the segment named', async () => {
    const res = await em.request('GET', 'contactz');
    expect(res.status).toBe(404);
    expect(res.json.error).toEqual({
      code: '0x8006088a',
      message: "Resource not found for the segment 'contactz'.",
    });
  });

  test('an unknown segment after a row is 404', async () => {
    const res = await em.request('GET', 'contacts(0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0041)/nothing');
    expect(res.status).toBe(404);
  });

  test('a URL with broken percent-encoding is 400, not a crash', async () => {
    const res = await em.request('GET', 'contacts(%E0%A4%A)');
    expect(res.status).toBe(400);
  });

  test('a $filter syntax error is 400', async () => {
    const res = await em.request('GET', `contacts?$filter=${encodeURIComponent('contains(fullname,')}`);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('0x80060888');
  });

  test('a $filter on an unknown column is 400 naming it', async () => {
    const res = await em.request('GET', `contacts?$filter=${encodeURIComponent('shoesize gt 3')}`);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain("'shoesize'");
  });

  test('$skip is refused with advice to follow nextLink', async () => {
    const res = await em.request('GET', 'contacts?$skip=2');
    expect(res.status).toBe(400);
  });

  test('an unknown column in a body is 400 0x80048d19', async () => {
    const res = await em.request('POST', 'contacts', { body: { lastname: 'X', shoesize: 44 } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('0x80048d19');
  });

  test('a body that is not JSON is 400', async () => {
    const res = await em.request('POST', 'contacts', { body: '{not json' });
    expect(res.status).toBe(400);
  });

  test('a value over the maximum length is 400', async () => {
    const res = await em.request('POST', 'contacts', { body: { lastname: 'x'.repeat(51) } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/maximum is 50/);
  });

  test('a wrong type for a column is 400', async () => {
    const res = await em.request('POST', 'adx_invitations', {
      body: { adx_name: 'x', adx_maximumredemptions: 'many' },
    });
    expect(res.status).toBe(400);
  });

  test('a method a resource does not allow is 405', async () => {
    const res = await em.request('PUT', 'contacts');
    expect(res.status).toBe(405);
    expect(res.json.error.code).toBeDefined();
  });

  test('a request without a bearer token is 401 in Dataverse format', async () => {
    const res = await send(em.core.apiUrl, 'GET', 'contacts', { headers: { Authorization: '' } });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toMatch(/^0x/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  test('a required column missing on create is 400', async () => {
    const res = await em.request('POST', 'accounts', { body: { emailaddress1: 'a@example.com' } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain("'name'");
  });

  test('a lookup bound to a missing row is 404', async () => {
    const res = await em.request('POST', 'adx_invitations', {
      body: {
        adx_name: 'x',
        'adx_inviteContact@odata.bind': '/contacts(66666666-2222-4333-8444-555555555555)',
      },
    });
    expect(res.status).toBe(404);
  });

  test('writing a lookup column directly is 400 with the bind to use', async () => {
    const res = await em.request('POST', 'adx_invitations', {
      body: { adx_name: 'x', adx_invitecontact: '66666666-2222-4333-8444-555555555555' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('adx_inviteContact@odata.bind');
  });
});

describe('emulator core: token option and body limit', () => {
  test('with a token option only that token is accepted', async () => {
    const em = await startTestEmulator({ token: 'secret-1' });
    try {
      expect((await send(em.core.apiUrl, 'GET', 'WhoAmI')).status).toBe(401);
      expect(
        (await send(em.core.apiUrl, 'GET', 'WhoAmI', { headers: { Authorization: 'Bearer secret-1' } }))
          .status,
      ).toBe(200);
    } finally {
      await em.close();
    }
  });

  test('a body over the size limit is refused with 413', async () => {
    const em = await startTestEmulator({ maxBodyBytes: 1024 });
    try {
      const res = await em.request('POST', 'contacts', {
        body: { lastname: 'x', description: 'y'.repeat(4096) },
      });
      expect(res.status).toBe(413);
    } finally {
      await em.close();
    }
  });
});
