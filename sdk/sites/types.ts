/**
 * What the site service returns: Power Pages sites of both data models and their web roles, in
 * one shape whichever tables they live in.
 */

/**
 * A site's data model: `enhanced` (powerpagesite, web roles as powerpagecomponent rows; every site
 * created since 2023) or `standard` (adx_website, adx_webrole).
 * @see https://learn.microsoft.com/power-pages/admin/enhanced-data-model
 */
export type DataModel = 'enhanced' | 'standard';

/** Both data models, in the order the product reads and writes them. */
export const DATA_MODELS: readonly DataModel[] = ['standard', 'enhanced'];

/** One Power Pages site. */
export interface Site {
  /** powerpagesiteid or adx_websiteid. */
  id: string;
  name: string;
  dataModel: DataModel;
  /** primarydomainname / adx_primarydomainname, when set. */
  primaryDomain?: string;
  /** statecode Active. */
  active: boolean;
}

/** One web role of a site. */
export interface SiteWebRole {
  /** powerpagecomponentid (also the mspp_webrole id) or adx_webroleid. */
  id: string;
  name: string;
  dataModel: DataModel;
  /** The site it belongs to, when the row names one. */
  siteId?: string;
}

/** Which data models' tables an environment has. */
export type DataModelPresence = Record<DataModel, boolean>;

/** The sites of an environment and which data models it has (a model without tables has no sites). */
export interface SiteDirectory {
  sites: Site[];
  models: DataModelPresence;
}
