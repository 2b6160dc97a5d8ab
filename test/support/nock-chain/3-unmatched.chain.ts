/** The file under test: after the earlier nock files, a request nock cannot match must reject, not crash. */
import nock from 'nock';
import { httpsPost } from './https-post';

const ORIGIN = 'https://contoso.crm.dynamics.com';

afterEach(() => nock.cleanAll());

test('a request with a changed body rejects naming its method and URL', async () => {
  const scope = nock(ORIGIN).post('/api/data/v9.2/contacts', { lastname: 'Recorded' }).reply(204);
  const error = await httpsPost(`${ORIGIN}/api/data/v9.2/contacts`, { lastname: 'Changed' }).catch(
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'ERR_NOCK_NO_MATCH' });
  expect((error as Error).message).toMatch(/No match for request/);
  expect((error as Error).message).toContain('"method": "POST"');
  expect((error as Error).message).toContain(`"url": "${ORIGIN}/api/data/v9.2/contacts"`);
  expect(scope.isDone()).toBe(false);
});

test('the file goes on after the unmatched request', async () => {
  const scope = nock(ORIGIN).post('/api/data/v9.2/contacts', { lastname: 'Recorded' }).reply(204);
  await expect(httpsPost(`${ORIGIN}/api/data/v9.2/contacts`, { lastname: 'Recorded' })).resolves.toBe(204);
  scope.done();
});
