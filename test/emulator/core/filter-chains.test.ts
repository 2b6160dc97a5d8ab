import { startTestEmulator } from './helpers';
import type { TestEmulator } from './helpers';

const CRLF = '\r\n';
const MATCHING = 300;
const TERMS = 5000;

const email = (i: number): string => `chain${i}@example.net`;

describe('emulator core: long and/or chains and In/NotIn in $filter', () => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator();
    const targets = Array.from({ length: MATCHING }, (_, i) => ({
      '@odata.type': 'Microsoft.Dynamics.CRM.contact',
      lastname: `Chain ${String(i).padStart(4, '0')}`,
      emailaddress1: email(i),
    }));
    const res = await em.request('POST', 'contacts/Microsoft.Dynamics.CRM.CreateMultiple', {
      body: { Targets: targets },
    });
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
  });
  afterAll(() => em.close());

  /** Runs a GET inside a $batch, as clients do when the URL is too long for a plain GET. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const query = async (entitySetAndQuery: string): Promise<{ status: number; body: any }> => {
    const body =
      `--b${CRLF}Content-Type: application/http${CRLF}Content-Transfer-Encoding: binary${CRLF}${CRLF}` +
      `GET ${entitySetAndQuery} HTTP/1.1${CRLF}Accept: application/json${CRLF}${CRLF}${CRLF}--b--${CRLF}`;
    const res = await em.request('POST', '$batch', {
      body,
      headers: { 'Content-Type': 'multipart/mixed; boundary=b' },
    });
    const status = Number(/HTTP\/1\.1 (\d{3})/.exec(res.text)?.[1]);
    const json = /\r\n\r\n(\{[\s\S]*\})\s*\r\n--batchresponse_/.exec(res.text)?.[1];
    return { status, body: json ? JSON.parse(json) : undefined };
  };
  const lastNames = async (filter: string): Promise<string[]> => {
    const res = await query(
      `contacts?$select=lastname&$orderby=lastname&$filter=${encodeURIComponent(filter)}`,
    );
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body.value.map((r: { lastname: string }) => r.lastname);
  };

  test(`a ${TERMS}-term or chain of eq on one column finds every matching row`, async () => {
    const filter = Array.from(
      { length: TERMS },
      (_, i) => `emailaddress1 eq '${i % 2 ? email(i) : email(i).toUpperCase()}'`,
    ).join(' or ');
    expect(await lastNames(filter)).toHaveLength(MATCHING);
  });

  test('an or chain of eq inside an and, as clients page through keys, keeps the other condition', async () => {
    const any = Array.from({ length: TERMS }, (_, i) => `emailaddress1 eq '${email(i)}'`).join(' or ');
    expect(await lastNames(`startswith(lastname,'Chain 000') and (${any})`)).toHaveLength(10);
  });

  test(`a ${TERMS}-term or chain that cannot become IN is still answered`, async () => {
    const filter = Array.from({ length: TERMS }, (_, i) =>
      i % 2 ? `startswith(lastname,'Chain ${String(i).padStart(4, '0')}')` : `contains(fullname,'#${i}#')`,
    ).join(' or ');
    expect(await lastNames(filter)).toHaveLength(MATCHING / 2);
  });

  test('eq on two columns in one or chain matches either column', async () => {
    expect(
      await lastNames(
        `emailaddress1 eq '${email(1)}' or lastname eq 'Chain 0002' or emailaddress1 eq '${email(3)}' or lastname eq 'Chain 0004'`,
      ),
    ).toEqual(['Chain 0001', 'Chain 0002', 'Chain 0003', 'Chain 0004']);
  });

  test('an and chain of ne on one column still matches rows where the column is empty', async () => {
    const names = await lastNames(
      `emailaddress1 ne 'alice.adams@example.com' and emailaddress1 ne 'BOB.brown@example.com' and not startswith(lastname,'Chain')`,
    );
    expect(names).toEqual(['Chen', 'Diaz', 'Evans', 'Foster']);
  });

  test('an or inside a string literal is not a boolean operator', async () => {
    expect(await lastNames(`lastname eq 'Chain 0001 or lastname eq ''Adams'''`)).toEqual([]);
  });

  test('not binds tighter than and in a chain', async () => {
    expect(await lastNames(`not startswith(lastname,'Chain') and emailaddress1 eq null`)).toEqual(['Foster']);
  });

  test('Microsoft.Dynamics.CRM.In matches the listed values, case-insensitively for text', async () => {
    expect(
      await lastNames(
        `Microsoft.Dynamics.CRM.In(PropertyName='emailaddress1',PropertyValues=["ALICE.adams@example.com","bob.brown@example.com"])`,
      ),
    ).toEqual(['Adams', 'Brown']);
  });

  test('Microsoft.Dynamics.CRM.NotIn excludes the listed values and keeps empty ones', async () => {
    expect(
      await lastNames(
        `not startswith(lastname,'Chain') and Microsoft.Dynamics.CRM.NotIn(PropertyName='emailaddress1',PropertyValues=["alice.adams@example.com","bob.brown@example.com"])`,
      ),
    ).toEqual(['Chen', 'Diaz', 'Evans', 'Foster']);
  });

  test('In takes its property name and values from parameter aliases', async () => {
    const filter = encodeURIComponent(`Microsoft.Dynamics.CRM.In(PropertyName=@p1,PropertyValues=@p2)`);
    const p2 = encodeURIComponent('["alice.adams@example.com","erin.evans@example.com"]');
    const res = await query(
      `contacts?$select=lastname&$orderby=lastname&$filter=${filter}&@p1='emailaddress1'&@p2=${p2}`,
    );
    expect(res.body.value.map((r: { lastname: string }) => r.lastname)).toEqual(['Adams', 'Evans']);
  });

  test('a parameter alias without a value is 400 naming the alias', async () => {
    const res = await query(`contacts?$filter=${encodeURIComponent('emailaddress1 eq @mail')}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/'@mail'/);
  });

  test('an @ inside a string literal is not a parameter alias', async () => {
    expect(await lastNames(`emailaddress1 eq '@alice'`)).toEqual([]);
  });

  test('In over a choice column takes the values as numbers or numeric strings', async () => {
    const res = await query(
      `adx_webroles?$select=adx_name&$filter=${encodeURIComponent(`Microsoft.Dynamics.CRM.In(PropertyName='statecode',PropertyValues=["0",1])`)}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.value.length).toBeGreaterThan(0);
  });

  test('In with a value that does not fit the column is 400', async () => {
    const res = await query(
      `contacts?$filter=${encodeURIComponent(`Microsoft.Dynamics.CRM.In(PropertyName='_parentcustomerid_value',PropertyValues=["not-a-guid"])`)}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not-a-guid.*GUID/);
  });

  test('In with a list in single quotes is a syntax error (@odata/parser reads JSON arrays only)', async () => {
    const res = await query(
      `contacts?$filter=${encodeURIComponent(`Microsoft.Dynamics.CRM.In(PropertyName='emailaddress1',PropertyValues=['a'])`)}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Syntax error/);
  });

  test('other Microsoft.Dynamics.CRM query functions are refused by name', async () => {
    const res = await query(
      `contacts?$filter=${encodeURIComponent(`Microsoft.Dynamics.CRM.Between(PropertyName='createdon',PropertyValues=["2020-01-01","2030-01-01"])`)}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Between.*not supported/);
  });
});
