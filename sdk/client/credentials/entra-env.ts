/**
 * The AZURE_* variables that sign in to Entra ID as an app registration: which are set, which are
 * missing (all of them named at once, each with what to put in it), and the credential they make.
 */
import { ConfigurationError } from '../../errors';
import type { TokenCredential } from '../types';
import { ClientCertificateCredential } from './client-certificate';
import { ClientSecretCredential } from './client-secret';

/** The variables that select Entra ID authentication; any one of them set means "use them". */
export const ENTRA_VARIABLES = [
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
] as const;

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name]?.trim() || undefined;
}

/** The {@link ENTRA_VARIABLES} that are set (blank counts as unset). */
export function entraVariablesSet(env: NodeJS.ProcessEnv): string[] {
  return ENTRA_VARIABLES.filter((name) => value(env, name) !== undefined);
}

/**
 * What is missing for an Entra ID sign-in, one sentence per gap (empty when nothing is): the
 * tenant, the client id, and a secret or a certificate.
 */
export function missingEntraVariables(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  if (!value(env, 'AZURE_TENANT_ID')) missing.push('AZURE_TENANT_ID is not set (the directory (tenant) id)');
  if (!value(env, 'AZURE_CLIENT_ID'))
    missing.push('AZURE_CLIENT_ID is not set (the application (client) id of the app registration)');
  if (!value(env, 'AZURE_CLIENT_SECRET') && !value(env, 'AZURE_CLIENT_CERTIFICATE_PATH')) {
    missing.push(
      'neither AZURE_CLIENT_SECRET nor AZURE_CLIENT_CERTIFICATE_PATH is set (a client secret, or a PEM file holding the certificate and its private key)',
    );
  }
  return missing;
}

/**
 * The app-registration credential the AZURE_* variables describe (AZURE_AUTHORITY_HOST optional).
 * @param target - the environment URL it is for, named in the error
 * @throws ConfigurationError naming every missing variable
 */
export function entraCredential(env: NodeJS.ProcessEnv, target?: string): TokenCredential {
  const missing = missingEntraVariables(env);
  if (missing.length > 0) {
    throw new ConfigurationError(
      `Cannot sign in to Entra ID${target ? ` for ${target}` : ''}: ${missing.join('; ')}. ` +
        'Set them for the app registration, or set DATAVERSE_TOKEN to a bearer token for the environment.',
    );
  }
  const tenantId = value(env, 'AZURE_TENANT_ID')!;
  const clientId = value(env, 'AZURE_CLIENT_ID')!;
  const options = { authorityHost: value(env, 'AZURE_AUTHORITY_HOST') };
  const secret = value(env, 'AZURE_CLIENT_SECRET');
  if (secret) return new ClientSecretCredential(tenantId, clientId, secret, options);
  const certificatePath = value(env, 'AZURE_CLIENT_CERTIFICATE_PATH')!;
  return new ClientCertificateCredential(tenantId, clientId, { certificatePath }, options);
}
