/**
 * adx_expirydate is date-only with user-local behaviour: the Web API returns the stored UTC instant,
 * and its formatted value is a date without a time.
 * https://learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute
 */
import { idFromEntityId, startTestEmulator } from './helpers';
import type { TestEmulator } from './helpers';

describe('emulator core: a date-only column', () => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator();
  });
  afterAll(() => em.close());

  test('returns the UTC instant and formats it as a date only', async () => {
    const created = await em.request('POST', 'adx_invitations', {
      body: { adx_name: 'Dated', adx_expirydate: '2026-06-01T07:00:00Z' },
    });
    const id = idFromEntityId(created.headers.get('odata-entityid'));
    const res = await em.request('GET', `adx_invitations(${id})?$select=adx_expirydate,createdon`, {
      headers: { Prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' },
    });
    expect(res.json.adx_expirydate).toBe('2026-06-01T07:00:00Z');
    expect(res.json['adx_expirydate@OData.Community.Display.V1.FormattedValue']).toBe('6/1/2026');
    expect(res.json['createdon@OData.Community.Display.V1.FormattedValue']).toMatch(/ (AM|PM)$/);
  });
});
