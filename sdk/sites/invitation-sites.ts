/**
 * What an invitation reads about its site and web roles in both data models: the `$select` and
 * `$expand` to add to an invitation query for the models the environment has, and the reader of
 * the rows that come back. Used by findByCode and list.
 */
import type { WebApiRecord } from '../client/types';
import { invitationSiteSelect, readExpandedRows, readLookupId, stripBraces } from '../entities/index';
import { DATA_MODEL_NAMES } from './data-models';
import { DATA_MODELS, type Site, type SiteDirectory, type SiteWebRole } from './types';
import { toSiteWebRole, webRoleSelectOf } from './web-role-lookup';

/** An invitation's site and the web roles it grants (both data models). */
export interface InvitationSiteDetails {
  /**
   * The site the invitation is for (its enhanced-model lookup first, then the standard one), when
   * it names one. A site the directory does not know has an empty name.
   */
  site?: Site;
  /** The web roles granted on redemption, standard model first, with their names. */
  webRoles: SiteWebRole[];
}

/** The columns and expansions an invitation query needs for {@link readInvitationSite}. */
export function invitationSiteQuery(directory: SiteDirectory): { select: string[]; expand: string[] } {
  const expand = DATA_MODELS.filter((m) => directory.models[m]).map(
    (m) => `${DATA_MODEL_NAMES[m].invitationRoles}($select=${webRoleSelectOf(m).join(',')})`,
  );
  return { select: invitationSiteSelect(directory.models), expand };
}

/** Reads the site and roles of an invitation row queried with {@link invitationSiteQuery}. */
export function readInvitationSite(directory: SiteDirectory, row: WebApiRecord): InvitationSiteDetails {
  const webRoles = DATA_MODELS.filter((m) => directory.models[m]).flatMap((m) =>
    readExpandedRows(row, DATA_MODEL_NAMES[m].invitationRoles).map((r) => toSiteWebRole(m, r)),
  );
  for (const model of ['enhanced', 'standard'] as const) {
    if (!directory.models[model]) continue;
    const id = readLookupId(row, DATA_MODEL_NAMES[model].invitationSite);
    if (!id) continue;
    const siteId = stripBraces(id);
    const known = directory.sites.find((s) => s.id === siteId && s.dataModel === model);
    return { site: known ?? { id: siteId, name: '', dataModel: model, active: false }, webRoles };
  }
  return { webRoles };
}
