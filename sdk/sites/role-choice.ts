/**
 * Which site an invitation is for and which of its web roles it grants, from what was asked
 * (`site`, role names or ids) and what exists ({@link RoleMatches}). The rule, the same for one
 * invitation and for a bulk run:
 * - with a site: each role must be one of that site's roles (in the site's data model);
 * - without one, in an environment with one site: that site;
 * - without one, with several sites: a role name found in exactly one site decides the site; one
 *   found in several is refused, naming those sites; roles of different sites are refused too
 *   (an invitation is for one site).
 * Nothing here reads or writes: a refusal happens before anything is written.
 */
import { dataModelLabel } from './data-models';
import { available, describeSite, matchSite } from './site-directory';
import type { Site, SiteDirectory, SiteWebRole } from './types';
import { roleKey, type RoleMatches } from './web-role-lookup';

/** What an invitation asks for. */
export interface SiteRoleRequest {
  /** Site name or id. */
  site?: string;
  /** Web role names or ids. */
  roles?: readonly string[];
}

/** The site and roles chosen, or every reason they could not be and what to do. */
export type SiteRoleChoice =
  | { site?: Site; roles: SiteWebRole[]; problems?: undefined }
  | { site?: undefined; roles?: undefined; problems: string[]; hint: string };

/** The advice that ends every ambiguity message. */
export const CHOOSE_SITE_HINT =
  'Name the site the invitation is for (the `site` option; --site <name|id> on the command line).';

const siteKey = (siteId: string | undefined, model: string) => `${model}:${siteId ?? ''}`;

function siteOf(directory: SiteDirectory, role: SiteWebRole): Site | undefined {
  return directory.sites.find((s) => s.id === role.siteId && s.dataModel === role.dataModel);
}

function where(directory: SiteDirectory, role: SiteWebRole): string {
  const s = siteOf(directory, role);
  return s ? describeSite(s) : `no site (${dataModelLabel(role.dataModel)}, role ${role.id})`;
}

/** Chooses the site and roles for one invitation; see the file comment for the rule. */
export function chooseSiteRoles(
  directory: SiteDirectory,
  matches: RoleMatches,
  request: SiteRoleRequest,
): SiteRoleChoice {
  let site: Site | undefined;
  if (request.site !== undefined) {
    const match = matchSite(directory.sites, request.site);
    if (!match.site)
      return {
        problems: [`unknown site "${request.site.trim()}": ${match.problem}`],
        hint: 'Give a site name or id as `portal-invite sites list` shows them.',
      };
    site = match.site;
  }
  const refs = [...new Set((request.roles ?? []).map((r) => r.trim()).filter(Boolean))];
  if (refs.length === 0) return { site, roles: [] };
  if (!site && directory.sites.length === 1) site = directory.sites[0];

  const problems: string[] = [];
  const chosen: SiteWebRole[] = [];
  for (const ref of refs) {
    const all = matches.get(roleKey(ref)) ?? [];
    if (site) {
      const target = site;
      const mine = all.filter((r) => r.dataModel === target.dataModel && r.siteId === target.id);
      if (mine.length === 1) chosen.push(mine[0]);
      else if (mine.length > 1)
        problems.push(
          `web role "${ref}" is ambiguous: site ${describeSite(site)} has ${mine.length} roles of that name (${mine.map((r) => r.id).join(', ')}); use the id`,
        );
      else if (all.length > 0)
        problems.push(
          `web role "${ref}" is not a role of site ${describeSite(site)}; it is a role of ${[...new Set(all.map((r) => where(directory, r)))].join(', ')}`,
        );
      else problems.push(`web role "${ref}" is not a role of site ${describeSite(site)}`);
      continue;
    }
    const bySite = new Map<string, SiteWebRole[]>();
    for (const role of all) {
      const key = siteKey(role.siteId, role.dataModel);
      bySite.set(key, [...(bySite.get(key) ?? []), role]);
    }
    const groups = [...bySite.values()];
    if (groups.length === 0) problems.push(`web role "${ref}" is not a role of any site`);
    else if (groups.length > 1)
      problems.push(
        `web role "${ref}" is a role of several sites: ${groups.map((g) => where(directory, g[0])).join(', ')}`,
      );
    else if (groups[0].length > 1)
      problems.push(
        `web role "${ref}" is ambiguous: ${where(directory, groups[0][0])} has ${groups[0].length} roles of that name (${groups[0].map((r) => r.id).join(', ')}); use the id`,
      );
    else chosen.push(groups[0][0]);
  }
  if (problems.length > 0) return { problems, hint: hintFor(directory, problems) };
  if (!site) {
    const sites = [...new Set(chosen.map((r) => siteKey(r.siteId, r.dataModel)))];
    if (sites.length > 1) {
      const list = chosen.map((r) => `"${r.name}" (${where(directory, r)})`).join(', ');
      return {
        problems: [`the web roles are roles of different sites: ${list}; an invitation is for one site`],
        hint: CHOOSE_SITE_HINT,
      };
    }
    site = siteOf(directory, chosen[0]);
  }
  const unique = chosen.filter((r, i) => chosen.findIndex((o) => o.id === r.id) === i);
  return { site, roles: unique };
}

function hintFor(directory: SiteDirectory, problems: string[]): string {
  if (problems.some((p) => p.includes('several sites'))) return CHOOSE_SITE_HINT;
  const check = 'Check the web role id or its exact name, and the site.';
  return directory.sites.length === 0 ? `${check} ${available(directory.sites)}` : check;
}
