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
export {
  REGISTRATION_SETTINGS,
  REGISTRATION_SETTING_KEYS,
  displayValue,
  parseSettingValue,
  readRegistrationSettings,
  readSetting,
  type RegistrationSettingDefinition,
  type RegistrationSettingKey,
  type SettingReading,
} from './registration-settings';
export {
  checkRegistration,
  INVITATION_ONLY_SETTINGS,
  planInvitationOnly,
  registrationAccess,
  type RegistrationAccess,
  type RegistrationCheck,
  type RegistrationVerdict,
  type SettingWrite,
} from './registration-check';
export {
  applySettingWrites,
  readRegistrationRows,
  readSiteRegistration,
  settingWriteRequests,
  SITE_SETTING_ID_NAMESPACE,
  SITE_SETTING_TABLES,
  siteSettingRowId,
  type SiteRegistration,
} from './site-settings';
export {
  chooseSite,
  SiteRegistrationService,
  type InvitationOnlyResult,
  type MakeInvitationOnlyOptions,
  type SiteRegistrationServiceOptions,
} from './site-registration-service';
