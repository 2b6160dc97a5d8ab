/** The package's version, as in package.json (a test keeps the two equal). */
export const VERSION = '0.1.0';

/** The package's name on the npm registry. */
export const PACKAGE_NAME = 'dataverse-portal-invitations';
