/**
 * `SiteService`: the Power Pages sites of an environment, of both data models, as an
 * administrator sees them in the admin center.
 */
import type { DataverseApi } from '../client/api';
import { findSite, loadSiteDirectory } from './site-directory';
import type { Site, SiteDirectory } from './types';

/** Per-call options of {@link SiteService}. */
export interface SiteServiceCallOptions {
  /** Stops the requests. */
  signal?: AbortSignal;
}

/**
 * Lists and finds Power Pages sites: enhanced-model sites (powerpagesite) and standard-model ones
 * (adx_website) together. A model whose tables the environment does not have simply has no sites.
 * @example
 * const sites = await new SiteService(client).list();
 * // [{ id, name: 'Fabrikam Partners', dataModel: 'enhanced', primaryDomain, active: true }, ...]
 */
export class SiteService {
  constructor(private readonly client: DataverseApi) {}

  /** Every site, sorted by name; two requests (one per model), run together. */
  async list(options: SiteServiceCallOptions = {}): Promise<Site[]> {
    return (await this.directory(options)).sites;
  }

  /**
   * The site with this id, or this name (compared without case); undefined when there is none.
   * @throws InvalidArgumentError when several sites have the name (use the id)
   */
  async find(nameOrId: string, options: SiteServiceCallOptions = {}): Promise<Site | undefined> {
    return findSite((await this.directory(options)).sites, nameOrId);
  }

  /** The sites and which data models the environment has. */
  directory(options: SiteServiceCallOptions = {}): Promise<SiteDirectory> {
    return loadSiteDirectory(this.client, options.signal);
  }
}
