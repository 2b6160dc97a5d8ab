/**
 * Columns and option values most Dataverse tables share: the audit columns the platform sets on
 * every write, the owner, the state/status pair, and the Active/Inactive states of an ordinary
 * table. A table description names them again only where the product reads them.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/entity-metadata
 */

/** Logical names of the columns Dataverse keeps on (nearly) every table. */
export const StandardColumns = {
  /** When the row was created (set by the platform). */
  createdOn: 'createdon',
  /** When the row was last changed (set by the platform). */
  modifiedOn: 'modifiedon',
  /** Lookup to the systemuser who created the row; also its navigation property. */
  createdBy: 'createdby',
  /** Lookup to the systemuser who last changed the row; also its navigation property. */
  modifiedBy: 'modifiedby',
  /** Lookup to the user who made the change on behalf of `modifiedby` (impersonation); null otherwise. */
  modifiedOnBehalfBy: 'modifiedonbehalfby',
  /** The row version behind `@odata.etag`. */
  versionNumber: 'versionnumber',
  /** Owner of a user-owned row (systemuser or team). */
  owner: 'ownerid',
  /** The row's state (Active/Inactive, Open/Completed...). */
  state: 'statecode',
  /** The row's status reason, valid only with certain states. */
  status: 'statuscode',
} as const;

/** statecode of an ordinary table (contact, account, adx_webrole...). */
export enum RecordState {
  Active = 0,
  Inactive = 1,
}

/** statuscode of an ordinary table: one status per state. */
export enum RecordStatus {
  Active = 1,
  Inactive = 2,
}
