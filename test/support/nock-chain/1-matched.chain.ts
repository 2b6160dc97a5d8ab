/** An earlier nock-using file: its copy of nock patches `https` before the later files load theirs. */
import nock from 'nock';
import { httpsPost } from './https-post';

const ORIGIN = 'https://contoso.crm.dynamics.com';

test('a matched request gets the mocked reply', async () => {
  const scope = nock(ORIGIN).post('/api/data/v9.2/accounts', { name: 'First' }).reply(204);
  await expect(httpsPost(`${ORIGIN}/api/data/v9.2/accounts`, { name: 'First' })).resolves.toBe(204);
  scope.done();
});
