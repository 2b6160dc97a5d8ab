/** Another earlier nock-using file, its copy loaded after the first file's. */
import nock from 'nock';
import { httpsPost } from './https-post';

const ORIGIN = 'https://contoso.crm.dynamics.com';

test('a matched request gets the mocked reply', async () => {
  const scope = nock(ORIGIN).post('/api/data/v9.2/contacts', { lastname: 'Second' }).reply(201);
  await expect(httpsPost(`${ORIGIN}/api/data/v9.2/contacts`, { lastname: 'Second' })).resolves.toBe(201);
  scope.done();
});
