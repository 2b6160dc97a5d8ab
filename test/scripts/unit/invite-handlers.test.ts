import nock from 'nock';
import { chooseHandlers, redeemStepName } from '../../../scripts/handlers-mode';
import { API, collection, filterOf, ORG, orgClient, resetNock } from '../../invitations/nock-support';

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

function steps(rows: Record<string, unknown>[]) {
  return nock(ORG)
    .get(`${API}/sdkmessageprocessingsteps`)
    .query((q) => filterOf(q) === `name eq '${redeemStepName()}'`)
    .reply(200, collection(rows));
}

describe('chooseHandlers', () => {
  it('keeps the mode the user gave without asking', async () => {
    const warnings: string[] = [];
    await expect(chooseHandlers(orgClient(), 'server', (m) => warnings.push(m))).resolves.toBe('server');
    expect(warnings).toEqual([]);
  });

  it('uses the server when the redeem step is registered and enabled', async () => {
    const scope = steps([{ sdkmessageprocessingstepid: 'a', statecode: 0 }]);
    const warnings: string[] = [];
    await expect(chooseHandlers(orgClient(), undefined, (m) => warnings.push(m))).resolves.toBe('server');
    scope.done();
    expect(warnings).toEqual([]);
  });

  it('runs in-process and says so when no redeem step is registered', async () => {
    const scope = steps([]);
    const warnings: string[] = [];
    await expect(chooseHandlers(orgClient(), undefined, (m) => warnings.push(m))).resolves.toBe('in-process');
    scope.done();
    expect(warnings.join('\n')).toMatch(/no enabled server step .* applied in-process/);
  });

  it('runs in-process when the redeem step is registered but disabled', async () => {
    const scope = steps([{ sdkmessageprocessingstepid: 'a', statecode: 1 }]);
    await expect(chooseHandlers(orgClient(), undefined, () => undefined)).resolves.toBe('in-process');
    scope.done();
  });
});
