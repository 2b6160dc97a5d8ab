/**
 * SiteService over the Web API (nock): both models' site tables, one request each; a model whose
 * table the environment lacks is absent, while any other failure is reported.
 */
import nock from 'nock';
import { DataverseError } from '../../sdk/client/errors';
import { InvalidArgumentError } from '../../sdk/errors';
import { SiteService } from '../../sdk/sites/index';
import { API, collection, ORG, orgClient, resetNock } from '../invitations/nock-support';

const ENHANCED = '11111111-0000-0000-0000-000000000001';
const STANDARD = '22222222-0000-0000-0000-000000000001';
const missing = (set: string) => ({
  error: { code: '0x8006088a', message: `Resource not found for the segment '${set}'.` },
});

beforeEach(resetNock);
afterAll(() => nock.enableNetConnect());

describe('SiteService.list', () => {
  test('lists the sites of both models by name, reading mspp_website never', async () => {
    const scope = nock(ORG)
      .get(`${API}/powerpagesites`)
      .query(
        (q) => String(q['$select']) === 'powerpagesiteid,name,datamodelversion,primarydomainname,statecode',
      )
      .reply(
        200,
        collection([
          { powerpagesiteid: ENHANCED, name: 'Zeta', primarydomainname: 'zeta.example.com', statecode: 1 },
        ]),
      )
      .get(`${API}/adx_websites`)
      .query((q) => String(q['$select']) === 'adx_websiteid,adx_name,adx_primarydomainname,statecode')
      .reply(200, collection([{ adx_websiteid: STANDARD, adx_name: 'Alpha', statecode: 0 }]));
    const sites = await new SiteService(orgClient()).list();
    scope.done();
    expect(sites).toEqual([
      { id: STANDARD, name: 'Alpha', dataModel: 'standard', active: true },
      { id: ENHANCED, name: 'Zeta', dataModel: 'enhanced', primaryDomain: 'zeta.example.com', active: false },
    ]);
  });

  test('a model whose site table does not exist is absent, not an error', async () => {
    const scope = nock(ORG)
      .get(`${API}/powerpagesites`)
      .query(true)
      .reply(200, collection([{ powerpagesiteid: ENHANCED, name: 'Zeta' }]))
      .get(`${API}/adx_websites`)
      .query(true)
      .reply(404, missing('adx_websites'));
    const directory = await new SiteService(orgClient()).directory();
    scope.done();
    expect(directory.models).toEqual({ enhanced: true, standard: false });
    expect(directory.sites.map((s) => s.id)).toEqual([ENHANCED]);
  });

  test('any other failure is reported', async () => {
    const scope = nock(ORG)
      .get(`${API}/powerpagesites`)
      .query(true)
      .reply(403, {
        error: { code: '0x80040220', message: 'Principal user is missing prvReadpowerpagesite.' },
      })
      .get(`${API}/adx_websites`)
      .query(true)
      .reply(200, collection([]));
    const error = await new SiteService(orgClient()).list().catch((e: unknown) => e);
    scope.done();
    expect(error).toBeInstanceOf(DataverseError);
    expect((error as DataverseError).status).toBe(403);
  });
});

describe('SiteService.find', () => {
  function twoSites(names: [string, string]) {
    return nock(ORG)
      .get(`${API}/powerpagesites`)
      .query(true)
      .reply(200, collection([{ powerpagesiteid: ENHANCED, name: names[0] }]))
      .get(`${API}/adx_websites`)
      .query(true)
      .reply(200, collection([{ adx_websiteid: STANDARD, adx_name: names[1] }]));
  }

  test('finds a site by id (any case, braces) or by name (any case)', async () => {
    twoSites(['Zeta', 'Alpha']);
    expect(await new SiteService(orgClient()).find(`{${STANDARD.toUpperCase()}}`)).toMatchObject({
      name: 'Alpha',
    });
    twoSites(['Zeta', 'Alpha']);
    expect(await new SiteService(orgClient()).find(' zeta ')).toMatchObject({ id: ENHANCED });
    twoSites(['Zeta', 'Alpha']);
    expect(await new SiteService(orgClient()).find('Omega')).toBeUndefined();
  });

  test('a name two sites share is refused, naming both', async () => {
    twoSites(['Contoso', 'Contoso']);
    const error = await new SiteService(orgClient()).find('Contoso').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/2 sites are named "Contoso": Contoso \(enhanced data model/);
  });
});
