/**
 * Power Pages sites of both data models (enhanced: powerpagesite / powerpagecomponent; standard:
 * adx_website / adx_webrole), their web roles, and granting an invitation's roles per model.
 */
export { SiteService, type SiteServiceCallOptions } from './site-service';
export {
  DATA_MODELS,
  type DataModel,
  type DataModelPresence,
  type Site,
  type SiteDirectory,
  type SiteWebRole,
} from './types';
export {
  DATA_MODEL_NAMES,
  DATA_MODEL_TABLES,
  dataModelLabel,
  isMissingResource,
  type DataModelNames,
} from './data-models';
export { loadSiteDirectory, matchSite, findSite, describeSite, type SiteMatch } from './site-directory';
export { lookupWebRoles, roleKey, type RoleMatches } from './web-role-lookup';
export { chooseSiteRoles, CHOOSE_SITE_HINT, type SiteRoleChoice, type SiteRoleRequest } from './role-choice';
export {
  grantInvitationRoles,
  readInvitationRoles,
  readRoleLinks,
  type RoleIdsByModel,
  type RoleLinks,
} from './web-role-grants';
export { invitationSiteQuery, readInvitationSite, type InvitationSiteDetails } from './invitation-sites';
