import { readBatch } from '../../sdk/client/batch/batch-reader';
import { writeBatch } from '../../sdk/client/batch/batch-writer';

const API = 'https://contoso.crm.dynamics.com/api/data/v9.2/';

describe('$batch request format', () => {
  let n = 0;
  const ids = () => `id${++n}`;
  beforeEach(() => (n = 0));

  it('names the batch boundary batch_<id> in the Content-Type', () => {
    expect(writeBatch(API, [{ method: 'GET', url: 'WhoAmI()' }], ids).contentType).toBe(
      'multipart/mixed; boundary=batch_id1',
    );
  });

  it('writes each request as an application/http part with binary transfer encoding', () => {
    const { body } = writeBatch(API, [{ method: 'GET', url: 'contacts?$top=1' }], ids);
    expect(body).toBe(
      [
        '--batch_id1',
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        `GET ${API}contacts?$top=1 HTTP/1.1`,
        '',
        '',
        '--batch_id1--',
        '',
      ].join('\r\n'),
    );
  });

  it('nests a change set in a changeset_<id> part with Content-IDs and keeps $n references as is', () => {
    const { body } = writeBatch(
      API,
      [
        {
          changeSet: [
            { method: 'POST', url: 'contacts', body: { lastname: 'A' }, contentId: '1' },
            { method: 'PATCH', url: '$1', body: { jobtitle: 'B' } },
          ],
        },
      ],
      ids,
    );
    expect(body).toContain(
      'Content-Type: multipart/mixed; boundary=changeset_id2\r\n\r\n--changeset_id2\r\n',
    );
    expect(body).toContain(
      `Content-ID: 1\r\n\r\nPOST ${API}contacts HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{"lastname":"A"}`,
    );
    expect(body).toContain('Content-ID: 2\r\n\r\nPATCH $1 HTTP/1.1');
    expect(body).toMatch(/--changeset_id2--\r\n\r\n--batch_id1--\r\n$/);
  });
});

describe('$batch response parsing', () => {
  const response = [
    '--batchresponse_b',
    'Content-Type: multipart/mixed; boundary=changesetresponse_c',
    '',
    '--changesetresponse_c',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    'Content-ID: 1',
    '',
    'HTTP/1.1 204 No Content',
    'OData-EntityId: https://x/api/data/v9.2/contacts(1)',
    '',
    '',
    '--changesetresponse_c--',
    '--batchresponse_b',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    'HTTP/1.1 200 OK',
    'Content-Type: application/json',
    '',
    '{"a":1}',
    '--batchresponse_b--',
    '',
  ].join('\r\n');

  it('reads a change set response as its own list of responses', () => {
    const parts = readBatch(response, 'multipart/mixed; boundary=batchresponse_b');
    expect(parts[0]).toEqual({
      kind: 'changeSet',
      responses: [
        {
          status: 204,
          headers: { 'odata-entityid': 'https://x/api/data/v9.2/contacts(1)' },
          body: undefined,
          contentId: '1',
        },
      ],
    });
  });

  it('parses a JSON body of a plain response part', () => {
    const parts = readBatch(response, 'multipart/mixed; boundary=batchresponse_b');
    expect(parts[1]).toMatchObject({ kind: 'response', response: { status: 200, body: { a: 1 } } });
  });

  it('accepts LF line endings', () => {
    const parts = readBatch(response.replace(/\r\n/g, '\n'), 'multipart/mixed; boundary="batchresponse_b"');
    expect(parts).toHaveLength(2);
  });
});
