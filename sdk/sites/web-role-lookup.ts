/**
 * Finding web roles by id or name in every data model the environment has: adx_webrole rows
 * (standard) and Web Role components (enhanced, powerpagecomponenttype 11), one query per model
 * for a whole set of references. Which site a role belongs to is decided afterwards
 * (role-choice.ts), so one lookup serves every site of a bulk run.
 */
import type { DataverseApi } from '../client/api';
import type { WebApiRecord } from '../client/types';
import {
  powerPageWebRoleSelect,
  toPowerPageWebRoleRecord,
  toWebRoleRecord,
  webRoleSelect,
} from '../entities/index';
import { anyOf, isGuid, normalizeGuid, queryAll } from '../invitations/odata';
import { DATA_MODEL_NAMES, isMissingResource } from './data-models';
import { DATA_MODELS, type DataModel, type DataModelPresence, type SiteWebRole } from './types';

/** The key a role reference is stored under: GUIDs normalised, names trimmed and lower-cased. */
export function roleKey(ref: string): string {
  return isGuid(ref) ? normalizeGuid(ref) : ref.trim().toLowerCase();
}

/** Every web role each reference matched (by id or by name), across sites and data models. */
export type RoleMatches = ReadonlyMap<string, readonly SiteWebRole[]>;

async function rolesOfModel(
  client: DataverseApi,
  model: DataModel,
  ids: string[],
  names: string[],
): Promise<SiteWebRole[]> {
  const { role, roleFilter } = DATA_MODEL_NAMES[model];
  const terms = [
    ids.length ? anyOf(role.primaryId, ids, 'guid') : '',
    names.length ? anyOf(role.primaryName, names) : '',
  ].filter(Boolean);
  const refs = terms.length === 1 ? terms[0] : `(${terms.join(' or ')})`;
  const rows = await queryAll(client, role.entitySet, {
    select: webRoleSelectOf(model),
    filter: roleFilter ? `${roleFilter} and ${refs}` : refs,
  });
  return rows.map((row) => toSiteWebRole(model, row));
}

/** A web role row of either model (selected with its model's role `$select`) as a {@link SiteWebRole}. */
export function toSiteWebRole(model: DataModel, row: WebApiRecord): SiteWebRole {
  const { id, name, siteId } =
    model === 'enhanced'
      ? toPowerPageWebRoleRecord(row)
      : (({ websiteId, ...rest }) => ({ ...rest, siteId: websiteId }))(toWebRoleRecord(row));
  const role: SiteWebRole = { id, name, dataModel: model };
  if (siteId) role.siteId = siteId;
  return role;
}

/** The `$select` of a web role row of a data model (what {@link toSiteWebRole} reads). */
export function webRoleSelectOf(model: DataModel): string[] {
  return model === 'enhanced' ? powerPageWebRoleSelect : webRoleSelect;
}

/**
 * The web roles matching each reference: one query per data model (run together), whatever the
 * number of references. With `models` only those present are asked; without, both are, and a model
 * whose tables the environment lacks finds nothing.
 */
export async function lookupWebRoles(
  client: DataverseApi,
  models: DataModelPresence | undefined,
  refs: Iterable<string>,
): Promise<Map<string, SiteWebRole[]>> {
  const keys = [...new Set([...refs].map(roleKey))];
  const matches = new Map<string, SiteWebRole[]>(keys.map((k) => [k, []]));
  if (keys.length === 0) return matches;
  const ids = keys.filter(isGuid);
  const names = [...new Set([...refs].filter((r) => !isGuid(r)).map((r) => r.trim()))];
  const asked = DATA_MODELS.filter((m) => models?.[m] ?? true);
  const found = (
    await Promise.all(
      asked.map((m) =>
        rolesOfModel(client, m, ids, names).catch((error: unknown) => {
          if (models === undefined && isMissingResource(error)) return [];
          throw error;
        }),
      ),
    )
  ).flat();
  for (const role of found) {
    for (const key of [role.id, role.name.trim().toLowerCase()]) matches.get(key)?.push(role);
  }
  return matches;
}
