/**
 * The rule that picks an invitation's site and roles from what was asked and what exists, with no
 * network: one site, several, a named site, names shared within a site, roles of different sites.
 */
import { chooseSiteRoles, type Site, type SiteDirectory, type SiteWebRole } from '../../sdk/sites/index';

const A: Site = {
  id: 'aaaaaaaa-0000-0000-0000-000000000001',
  name: 'Alpha',
  dataModel: 'standard',
  active: true,
};
const B: Site = {
  id: 'bbbbbbbb-0000-0000-0000-000000000001',
  name: 'Beta',
  dataModel: 'enhanced',
  active: true,
};
const role = (id: string, name: string, site: Site): SiteWebRole => ({
  id,
  name,
  dataModel: site.dataModel,
  siteId: site.id,
});
const A_PARTNERS = role('aaaaaaaa-0000-0000-0000-0000000000a1', 'Partners', A);
const B_PARTNERS = role('bbbbbbbb-0000-0000-0000-0000000000b1', 'Partners', B);
const B_SUPPLIERS = role('bbbbbbbb-0000-0000-0000-0000000000b2', 'Suppliers', B);
const A_STAFF = role('aaaaaaaa-0000-0000-0000-0000000000a2', 'Staff', A);

const both: SiteDirectory = { sites: [A, B], models: { standard: true, enhanced: true } };
const matches = new Map<string, SiteWebRole[]>([
  ['partners', [A_PARTNERS, B_PARTNERS]],
  ['suppliers', [B_SUPPLIERS]],
  ['staff', [A_STAFF]],
  ['ghosts', []],
  [B_PARTNERS.id, [B_PARTNERS]],
]);

describe('chooseSiteRoles', () => {
  test('nothing asked: no site, no roles', () => {
    expect(chooseSiteRoles(both, matches, {})).toEqual({ site: undefined, roles: [] });
  });

  test('a named site alone is chosen without roles', () => {
    expect(chooseSiteRoles(both, matches, { site: 'beta' })).toEqual({ site: B, roles: [] });
  });

  test('with one site in the environment, that site is used', () => {
    const one: SiteDirectory = { sites: [A], models: { standard: true, enhanced: false } };
    expect(chooseSiteRoles(one, new Map([['partners', [A_PARTNERS]]]), { roles: ['Partners'] })).toEqual({
      site: A,
      roles: [A_PARTNERS],
    });
  });

  test('with several sites, a name found in one site decides it', () => {
    expect(chooseSiteRoles(both, matches, { roles: ['Suppliers'] })).toEqual({
      site: B,
      roles: [B_SUPPLIERS],
    });
  });

  test('a name found in several sites is refused, naming each site, with the advice to name one', () => {
    const choice = chooseSiteRoles(both, matches, { roles: ['Partners'] });
    expect(choice.problems).toEqual([
      `web role "Partners" is a role of several sites: Alpha (standard data model, ${A.id}), Beta (enhanced data model, ${B.id})`,
    ]);
    expect(choice.problems && choice.hint).toMatch(/Name the site/);
  });

  test('an id is unambiguous even where the name is shared', () => {
    expect(chooseSiteRoles(both, matches, { roles: [B_PARTNERS.id.toUpperCase()] })).toEqual({
      site: B,
      roles: [B_PARTNERS],
    });
  });

  test('with a site, the shared name resolves in that site', () => {
    expect(chooseSiteRoles(both, matches, { site: A.id, roles: ['Partners', 'Staff'] })).toEqual({
      site: A,
      roles: [A_PARTNERS, A_STAFF],
    });
  });

  test('roles of two different sites are refused', () => {
    const choice = chooseSiteRoles(both, matches, { roles: ['Suppliers', 'Staff'] });
    expect(choice.problems?.[0]).toMatch(
      /roles of different sites: "Suppliers" \(Beta .*\), "Staff" \(Alpha .*\)/,
    );
  });

  test('every unknown name is reported at once', () => {
    const choice = chooseSiteRoles(both, matches, { site: 'Alpha', roles: ['Ghosts', 'Suppliers'] });
    expect(choice.problems).toEqual([
      `web role "Ghosts" is not a role of site Alpha (standard data model, ${A.id})`,
      `web role "Suppliers" is not a role of site Alpha (standard data model, ${A.id}); it is a role of Beta (enhanced data model, ${B.id})`,
    ]);
  });

  test('two roles of one name in the same site ask for the id', () => {
    const twin = role('aaaaaaaa-0000-0000-0000-0000000000a9', 'Partners', A);
    const choice = chooseSiteRoles(both, new Map([['partners', [A_PARTNERS, twin]]]), {
      roles: ['Partners'],
    });
    expect(choice.problems?.[0]).toMatch(/ambiguous: Alpha .* has 2 roles of that name .*; use the id/);
  });

  test('a site name two sites share (a migration) is refused, asking for the id', () => {
    const copy: Site = { ...A, id: 'cccccccc-0000-0000-0000-000000000001', dataModel: 'enhanced' };
    const choice = chooseSiteRoles({ ...both, sites: [A, copy] }, matches, { site: 'Alpha' });
    expect(choice.problems?.[0]).toMatch(/2 sites are named "Alpha": .*Use the site's id/);
  });

  test('roles asked for in an environment with no site are refused, saying there is none', () => {
    const none: SiteDirectory = { sites: [], models: { standard: true, enhanced: true } };
    const choice = chooseSiteRoles(none, new Map([['partners', []]]), { roles: ['Partners'] });
    expect(choice.problems).toEqual(['web role "Partners" is not a role of any site']);
    expect(choice.problems && choice.hint).toMatch(/no Power Pages site/);
  });
});
