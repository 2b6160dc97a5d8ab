/**
 * Reading an environment's sites: the enhanced model's powerpagesite rows and the standard
 * model's adx_website rows, in two requests that run together. A model whose site table does not
 * exist has no sites and is recorded as absent. mspp_website is never read: it shows the
 * powerpagesite rows again.
 */
import type { DataverseApi } from '../client/api';
import type { WebApiRecord } from '../client/types';
import {
  PowerPageSiteTable,
  powerPageSiteSelect,
  RecordState,
  toPowerPageSiteRecord,
  toWebsiteRecord,
  WebsiteTable,
  websiteSelect,
} from '../entities/index';
import { InvalidArgumentError } from '../errors';
import { isGuid, normalizeGuid } from '../invitations/odata';
import { dataModelLabel, isMissingResource } from './data-models';
import type { DataModel, Site, SiteDirectory } from './types';

/** Rows of an entity set, or undefined when the environment has no such table. */
async function rowsIfPresent(
  client: DataverseApi,
  entitySet: string,
  select: string[],
  signal?: AbortSignal,
): Promise<WebApiRecord[] | undefined> {
  try {
    const rows: WebApiRecord[] = [];
    for await (const row of client.list(entitySet, { select }, signal ? { signal } : undefined))
      rows.push(row);
    return rows;
  } catch (error) {
    if (isMissingResource(error)) return undefined;
    throw error;
  }
}

function site(
  dataModel: DataModel,
  record: { id: string; name: string; primaryDomainName?: string; state?: number },
): Site {
  const result: Site = {
    id: record.id,
    name: record.name,
    dataModel,
    active: (record.state ?? RecordState.Active) === RecordState.Active,
  };
  if (record.primaryDomainName) result.primaryDomain = record.primaryDomainName;
  return result;
}

/** Every site of both data models, sorted by name (enhanced before standard on a tie). */
export async function loadSiteDirectory(client: DataverseApi, signal?: AbortSignal): Promise<SiteDirectory> {
  const [enhanced, standard] = await Promise.all([
    rowsIfPresent(client, PowerPageSiteTable.entitySet, powerPageSiteSelect, signal),
    rowsIfPresent(client, WebsiteTable.entitySet, websiteSelect, signal),
  ]);
  const sites = [
    ...(enhanced ?? []).map((row) => site('enhanced', toPowerPageSiteRecord(row))),
    ...(standard ?? []).map((row) => site('standard', toWebsiteRecord(row))),
  ].sort((a, b) => a.name.localeCompare(b.name) || a.dataModel.localeCompare(b.dataModel));
  return { sites, models: { enhanced: enhanced !== undefined, standard: standard !== undefined } };
}

/** A site with its data model and id, for messages: `Fabrikam Partners (enhanced data model, <id>)`. */
export function describeSite(s: Site): string {
  return `${s.name} (${dataModelLabel(s.dataModel)}, ${s.id})`;
}

/**
 * The outcome of {@link matchSite}: the site, or why none could be chosen (with the sites sharing
 * the name, when that is why).
 */
export type SiteMatch =
  { site: Site; problem?: undefined } | { site?: undefined; problem: string; sameName?: Site[] };

/**
 * The site a reference names: its id, or its name (compared without case). A name several sites
 * share (a site being migrated exists in both models) is refused, listing them.
 */
export function matchSite(sites: readonly Site[], ref: string): SiteMatch {
  const wanted = ref.trim();
  if (isGuid(wanted)) {
    const id = normalizeGuid(wanted);
    const found = sites.find((s) => s.id === id);
    return found ? { site: found } : { problem: `no site has the id ${id}. ${available(sites)}` };
  }
  const named = sites.filter((s) => s.name.trim().toLowerCase() === wanted.toLowerCase());
  if (named.length === 1) return { site: named[0] };
  if (named.length === 0) return { problem: `no site is named "${wanted}". ${available(sites)}` };
  return {
    problem: `${named.length} sites are named "${wanted}": ${named.map(describeSite).join(', ')}. Use the site's id.`,
    sameName: named,
  };
}

/** "Sites in this environment: …" for a message. */
export function available(sites: readonly Site[]): string {
  return sites.length === 0
    ? 'This environment has no Power Pages site.'
    : `Sites in this environment: ${sites.map(describeSite).join(', ')}.`;
}

/** {@link matchSite}, throwing InvalidArgumentError('site') for a name shared by several sites. */
export function findSite(sites: readonly Site[], ref: string): Site | undefined {
  const match = matchSite(sites, ref);
  if (match.site) return match.site;
  if (match.sameName) throw new InvalidArgumentError('site', match.problem);
  return undefined;
}
