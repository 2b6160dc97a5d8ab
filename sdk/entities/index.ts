/** Dataverse tables used by the product: names, option sets, typed records and Web API mappers. */
export * from './table';
export * from './web-api-values';
export * from './adx-invitation';
export * from './contact';
export * from './adx-webrole';
export * from './account';
export * from './adx-inviteredemption';
export * from './workflow';
export * from './email';
export * from './systemuser';
export * from './adx-website';
export * from './activity-party';
export * from './unverified';
