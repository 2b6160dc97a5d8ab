import { SEED } from '../../../emulator/core';
import { startTestEmulator } from './helpers';
import type { TestEmulator } from './helpers';

const CRLF = '\r\n';

function part(method: string, url: string, body?: unknown, contentId?: string): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (contentId) lines.push(`Content-ID: ${contentId}`);
  lines.push('', `${method} ${url} HTTP/1.1`);
  if (body !== undefined) lines.push('Content-Type: application/json; type=entry', '', JSON.stringify(body));
  else lines.push('Accept: application/json', '');
  return lines.join(CRLF);
}

function changeSet(boundary: string, parts: string[]): string {
  return [
    `Content-Type: multipart/mixed; boundary=${boundary}`,
    '',
    ...parts.map((p) => `--${boundary}${CRLF}${p}`),
    `--${boundary}--`,
  ].join(CRLF);
}

function batch(parts: string[]): string {
  return parts.map((p) => `--batch_abc${CRLF}${p}${CRLF}`).join('') + `--batch_abc--${CRLF}`;
}

describe('emulator core: $batch', () => {
  let em: TestEmulator;
  beforeEach(async () => {
    em = await startTestEmulator();
  });
  afterEach(() => em.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    em.request('POST', '$batch', {
      body,
      headers: { 'Content-Type': 'multipart/mixed; boundary=batch_abc', ...headers },
    });
  const lastNames = async (): Promise<string[]> =>
    (
      await em.request(
        'GET',
        "contacts?$select=lastname&$filter=startswith(lastname,'Batch')&$orderby=lastname",
      )
    ).json.value.map((c: { lastname: string }) => c.lastname);

  test('answers with batchresponse_ and changesetresponse_ boundaries and echoes Content-ID', async () => {
    const res = await post(
      batch([
        changeSet('changeset_1', [part('POST', `${em.core.apiUrl}contacts`, { lastname: 'Batch1' }, '1')]),
        part('GET', 'contacts?$select=fullname&$top=1'),
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
    expect(res.text).toMatch(/Content-Type: multipart\/mixed; boundary=changesetresponse_/);
    expect(res.text).toMatch(/Content-ID: 1\r\n\r\nHTTP\/1.1 204 No Content/);
    expect(res.text).toMatch(/HTTP\/1.1 200 OK[\s\S]*"value":\[/);
  });

  test('a change set resolves $1 in a later URL and in @odata.bind', async () => {
    const body = batch([
      changeSet('changeset_1', [
        part('POST', '/api/data/v9.2/contacts', { lastname: 'BatchRef' }, '1'),
        part('POST', 'adx_invitations', { adx_name: 'Via batch', 'adx_inviteContact@odata.bind': '$1' }, '2'),
        part(
          'POST',
          '$1/adx_webrole_contact/$ref',
          { '@odata.id': `${em.core.apiUrl}adx_webroles(${SEED.webRoles.partners})` },
          '3',
        ),
      ]),
    ]);
    const res = await post(body);
    expect(res.text).not.toMatch(/HTTP\/1.1 4\d\d/);
    const contactId = (await em.request('GET', "contacts?$filter=lastname eq 'BatchRef'")).json.value[0]
      .contactid;
    const invitation = (await em.request('GET', "adx_invitations?$filter=adx_name eq 'Via batch'")).json
      .value[0];
    expect(invitation._adx_invitecontact_value).toBe(contactId);
    expect(em.core.ops.related('adx_webrole_contact', 'contact', contactId)).toEqual([
      SEED.webRoles.partners,
    ]);
  });

  test('a failing request rolls back its whole change set, answered in a changesetresponse part with its Content-ID', async () => {
    const res = await post(
      batch([
        changeSet('changeset_1', [
          part('POST', 'contacts', { lastname: 'BatchA' }, '1'),
          part('PATCH', 'contacts(55555555-2222-4333-8444-555555555555)', { lastname: 'x' }, '2').replace(
            'HTTP/1.1',
            'HTTP/1.1\r\nIf-Match: *',
          ),
        ]),
      ]),
    );
    expect(await lastNames()).toEqual([]);
    expect(res.text).toMatch(
      /Content-Type: multipart\/mixed; boundary=changesetresponse_[\w-]+\r\n\r\n--changesetresponse_[\w-]+\r\nContent-Type: application\/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\nHTTP\/1.1 404 Not Found/,
    );
    expect(res.text).not.toMatch(/Content-ID: 1\r\n/);
    expect(res.text).toContain('0x80040217');
  });

  test('a failed change set answers 400 without odata.continue-on-error', async () => {
    const res = await post(
      batch([changeSet('changeset_1', [part('POST', 'contacts', { nosuchcolumn: 1 }, '1')])]),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
  });

  test('a failed change set answers 200 with odata.continue-on-error', async () => {
    const res = await post(
      batch([changeSet('changeset_1', [part('POST', 'contacts', { nosuchcolumn: 1 }, '1')])]),
      { Prefer: 'odata.continue-on-error' },
    );
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/Content-ID: 1\r\n\r\nHTTP\/1.1 400 Bad Request/);
  });

  test('processing stops at the first error without odata.continue-on-error, answering 400', async () => {
    const res = await post(
      batch([
        part('POST', 'contacts', { nosuchcolumn: 1 }),
        part('POST', 'contacts', { lastname: 'BatchAfter' }),
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.text.match(/HTTP\/1.1 \d{3}/g)).toEqual(['HTTP/1.1 400']);
    expect(await lastNames()).toEqual([]);
  });

  test('a Content-ID referenced before it is declared is refused with the text Microsoft shows', async () => {
    const res = await post(
      batch([
        changeSet('changeset_1', [
          part('PATCH', '$1', { lastname: 'BatchEarly' }, '2'),
          part('POST', 'contacts', { lastname: 'BatchLate' }, '1'),
        ]),
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain("Content-ID Reference: '$1' does not exist in the batch context.");
    expect(await lastNames()).toEqual([]);
  });

  test('odata.continue-on-error runs the requests after a failure', async () => {
    const res = await post(
      batch([
        part('POST', 'contacts', { nosuchcolumn: 1 }),
        part('POST', 'contacts', { lastname: 'BatchAfter' }),
      ]),
      {
        Prefer: 'odata.continue-on-error',
      },
    );
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/HTTP\/1.1 400 Bad Request/);
    expect(await lastNames()).toEqual(['BatchAfter']);
  });

  test('GET inside a change set is refused', async () => {
    const res = await post(batch([changeSet('changeset_1', [part('GET', 'contacts')])]));
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/not allowed in a change set/);
  });

  test('more than 1000 requests are refused', async () => {
    const parts = Array.from({ length: 1001 }, () => part('GET', 'WhoAmI'));
    const res = await post(batch(parts));
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/maximum is 1000/);
  });
});
