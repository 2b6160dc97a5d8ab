/**
 * The command line's site options without a network: `invite create --site`, the bulk CSV's `site`
 * column and `--site` default, and a bulk row's identity with a site.
 */
import { toBulkRow } from '../../../scripts/bulk/csv-rows';
import { rowIdentity } from '../../../scripts/bulk/row-identity';
import { buildCreateInput } from '../../../scripts/commands/invite-create';
import { siteTable } from '../../../scripts/commands/sites-list';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('invite create --site', () => {
  it('passes the site (trimmed) with the roles', () => {
    expect(
      buildCreateInput({ contact: ['a@example.com'], site: ' Fabrikam Partners ', role: ['Partners'] }, NOW),
    ).toEqual({
      type: 'single',
      contact: 'a@example.com',
      site: 'Fabrikam Partners',
      webRoles: ['Partners'],
    });
  });

  it('refuses a blank --site as bad usage, pointing at sites list', () => {
    expect(() => buildCreateInput({ contact: ['a@example.com'], site: ' ' }, NOW)).toThrow(
      expect.objectContaining({ exitCode: 2, hint: expect.stringContaining('sites list') }),
    );
  });
});

describe('bulk CSV site', () => {
  it('takes the row’s site column over the --site default', () => {
    const row = toBulkRow(
      { email: 'a@example.com', site: 'Contoso Partner Portal' },
      1,
      { site: 'Fabrikam Partners' },
      NOW,
    );
    expect(row.input?.site).toBe('Contoso Partner Portal');
  });

  it('uses the --site default when the row leaves it empty', () => {
    expect(
      toBulkRow({ email: 'a@example.com', site: '' }, 1, { site: 'Fabrikam Partners' }, NOW).input?.site,
    ).toBe('Fabrikam Partners');
  });

  it('names no site when neither gives one', () => {
    expect(toBulkRow({ email: 'a@example.com' }, 1, {}, NOW).input).not.toHaveProperty('site');
  });

  it('makes the site part of a row’s identity, and leaves identities without a site as they were', () => {
    const plain = { type: 'single' as const, contact: 'a@example.com', webRoles: ['Partners'] };
    expect(rowIdentity(plain)).toBe(JSON.stringify(['a@example.com', 'single', 'partners', '', null]));
    expect(rowIdentity({ ...plain, site: 'Fabrikam Partners' })).not.toBe(
      rowIdentity({ ...plain, site: 'Contoso' }),
    );
    expect(rowIdentity({ ...plain, site: 'Fabrikam Partners' })).toBe(
      rowIdentity({ ...plain, site: 'fabrikam partners' }),
    );
  });
});

describe('sites list table', () => {
  it('shows name, id, model and domain, marking inactive sites', () => {
    const text = siteTable([
      { id: 'e1', name: 'Fabrikam', dataModel: 'enhanced', primaryDomain: 'f.example.com', active: true },
      { id: 's1', name: 'Contoso', dataModel: 'standard', active: false },
    ]);
    expect(text.split('\n')[0].split(/\s+/)).toEqual(['NAME', 'ID', 'MODEL', 'DOMAIN']);
    expect(text).toMatch(/Fabrikam +e1 +enhanced +f\.example\.com/);
    expect(text).toMatch(/Contoso \(inactive\) +s1 +standard/);
  });
});
