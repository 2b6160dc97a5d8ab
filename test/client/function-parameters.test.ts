import nock from 'nock';
import { InvalidArgumentError } from '../../sdk/errors';
import { functionUrl, odataLiteral } from '../../sdk/client';
import { FIXTURE_URL } from '../support/fixtures';
import { testClient } from '../support/test-client';

const API = '/api/data/v9.2/';
const CONTACT = '5f0d1c2a-8b3e-4e6f-9a10-2b3c4d5e6f70';

/** The decoded value of alias `@p<n>` in a function URL. */
function alias(url: string, n: number): string | null {
  return new URL(url, 'https://x/').searchParams.get(`@p${n}`);
}

describe('function parameters', () => {
  it('quotes a plain string and doubles its single quotes', () => {
    expect(alias(functionUrl('F', { Name: "O'Brien" }), 1)).toBe("'O''Brien'");
  });

  it('quotes a string that looks like a JSON collection', () => {
    expect(alias(functionUrl('F', { Text: '["contact"]' }), 1)).toBe(`'["contact"]'`);
  });

  it('quotes a string that looks like a JSON object', () => {
    expect(alias(functionUrl('F', { Text: '{"@odata.id":"accounts(1)"}' }), 1)).toBe(
      `'{"@odata.id":"accounts(1)"}'`,
    );
  });

  it('quotes a string that looks like an enum member', () => {
    const value = "Microsoft.Dynamics.CRM.EntityFilters'All'";
    expect(alias(functionUrl('F', { Text: value }), 1)).toBe("'Microsoft.Dynamics.CRM.EntityFilters''All'''");
  });

  it('keeps a quote-breaking string inside one literal', () => {
    const url = functionUrl('F', { Text: "x')&@p2=('y" });
    expect([...new URL(url, 'https://x/').searchParams.keys()]).toEqual(['@p1']);
    expect(alias(url, 1)).toBe("'x'')&@p2=(''y'");
  });

  it('sends an odataLiteral exactly as written', () => {
    expect(alias(functionUrl('F', { EntityNames: odataLiteral('["contact","account"]') }), 1)).toBe(
      '["contact","account"]',
    );
  });

  it('sends numbers, booleans and null as bare literals', () => {
    const url = functionUrl('F', { Top: 5, Active: false, Owner: null });
    expect([alias(url, 1), alias(url, 2), alias(url, 3)]).toEqual(['5', 'false', 'null']);
  });

  it('refuses a number that has no OData literal', () => {
    expect(() => functionUrl('F', { Top: Number.NaN })).toThrow(/finite number/);
  });

  it('refuses a parameter name that is not an identifier', () => {
    expect(() => functionUrl('F', { 'A=@p9,B': 'x' })).toThrow(/not a function parameter name/);
  });

  it('refuses an empty odataLiteral', () => {
    expect(() => odataLiteral('')).toThrow(InvalidArgumentError);
  });
});

describe('callFunction on a bound function', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it('sends a string as a quoted literal and a wrapped value raw, after the bound record', async () => {
    const paths: string[] = [];
    const queries: Record<string, unknown>[] = [];
    const scope = nock(FIXTURE_URL)
      .get((path) => paths.push(path) > 0)
      .query((query) => queries.push(query) > 0)
      .reply(200, { Result: 'ok' });
    const target = JSON.stringify({ '@odata.id': `accounts(${CONTACT})` });
    const result = await testClient(FIXTURE_URL).client.callFunction<{ Result: string }>(
      'new_Describe',
      { Label: '[not, a, collection]', Target: odataLiteral(target) },
      { boundTo: { entitySet: 'contacts', id: CONTACT } },
    );
    expect(result.Result).toBe('ok');
    expect(paths[0]).toBe(
      `${API}contacts(${CONTACT})/Microsoft.Dynamics.CRM.new_Describe(Label=@p1,Target=@p2)`,
    );
    expect(queries[0]).toEqual({ '@p1': "'[not, a, collection]'", '@p2': target });
    scope.done();
  });
});
