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

/** One reference's outcome: the role, or why it cannot be used (`several` when sites share the name). */
type Pick =
  { role: SiteWebRole; problem?: undefined } | { role?: undefined; problem: string; several?: boolean };

/** The role a reference names among one site's roles. */
function pickInSite(directory: SiteDirectory, site: Site, ref: string, all: readonly SiteWebRole[]): Pick {
  const mine = all.filter((r) => r.dataModel === site.dataModel && r.siteId === site.id);
  if (mine.length === 1) return { role: mine[0] };
  const name = `web role "${ref}"`;
  if (mine.length > 1)
    return {
      problem: `${name} is ambiguous: site ${describeSite(site)} has ${mine.length} roles of that name (${mine.map((r) => r.id).join(', ')}); use the id`,
    };
  const elsewhere = [...new Set(all.map((r) => where(directory, r)))];
  return {
    problem: `${name} is not a role of site ${describeSite(site)}${elsewhere.length ? `; it is a role of ${elsewhere.join(', ')}` : ''}`,
  };
}

/** The role a reference names when no site was chosen: it must be a role of exactly one site. */
function pickAcrossSites(directory: SiteDirectory, ref: string, all: readonly SiteWebRole[]): Pick {
  const bySite = new Map<string, SiteWebRole[]>();
  for (const role of all) {
    const key = siteKey(role.siteId, role.dataModel);
    bySite.set(key, [...(bySite.get(key) ?? []), role]);
  }
  const groups = [...bySite.values()];
  const name = `web role "${ref}"`;
  if (groups.length === 0) return { problem: `${name} is not a role of any site` };
  if (groups.length > 1)
    return {
      problem: `${name} is a role of several sites: ${groups.map((g) => where(directory, g[0])).join(', ')}`,
      several: true,
    };
  const [group] = groups;
  if (group.length === 1) return { role: group[0] };
  return {
    problem: `${name} is ambiguous: ${where(directory, group[0])} has ${group.length} roles of that name (${group.map((r) => r.id).join(', ')}); use the id`,
  };
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

  const chosen = site;
  const picks = refs.map((ref) => {
    const all = matches.get(roleKey(ref)) ?? [];
    return chosen ? pickInSite(directory, chosen, ref, all) : pickAcrossSites(directory, ref, all);
  });
  const failed = picks.filter((p) => p.problem !== undefined);
  if (failed.length > 0) {
    const check = 'Check the web role id or its exact name, and the site.';
    const hint = failed.some((p) => p.several)
      ? CHOOSE_SITE_HINT
      : directory.sites.length === 0
        ? `${check} ${available(directory.sites)}`
        : check;
    return { problems: failed.map((p) => p.problem as string), hint };
  }
  const roles = picks
    .map((p) => p.role as SiteWebRole)
    .filter((r, i, all) => all.findIndex((o) => o.id === r.id) === i);
  if (!site) {
    if (new Set(roles.map((r) => siteKey(r.siteId, r.dataModel))).size > 1) {
      const list = roles.map((r) => `"${r.name}" (${where(directory, r)})`).join(', ');
      return {
        problems: [`the web roles are roles of different sites: ${list}; an invitation is for one site`],
        hint: CHOOSE_SITE_HINT,
      };
    }
    site = siteOf(directory, roles[0]);
  }
  return { site, roles };
}
