/**
 * Building a credential and a client from environment variables (the CLI, the webhook host, scripts).
 */
import { DataverseClient } from '../client';
import type { DataverseClientOptions, TokenCredential } from '../types';
import { ClientCertificateCredential } from './client-certificate';
import { ClientSecretCredential } from './client-secret';

function required(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`Environment variable ${name} is not set; ${why}.`);
  return value;
}

/**
 * A credential from AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or
 * AZURE_CLIENT_CERTIFICATE_PATH (AZURE_AUTHORITY_HOST optional). The error names the missing variable.
 */
export function credentialFromEnv(env: NodeJS.ProcessEnv = process.env): TokenCredential {
  const tenantId = required(env, 'AZURE_TENANT_ID', 'set it to the Entra ID tenant (directory) id');
  const clientId = required(
    env,
    'AZURE_CLIENT_ID',
    'set it to the application (client) id of the app registration',
  );
  const options = { authorityHost: env.AZURE_AUTHORITY_HOST?.trim() || undefined };
  const secret = env.AZURE_CLIENT_SECRET?.trim();
  if (secret) return new ClientSecretCredential(tenantId, clientId, secret, options);
  const certificatePath = env.AZURE_CLIENT_CERTIFICATE_PATH?.trim();
  if (certificatePath)
    return new ClientCertificateCredential(tenantId, clientId, { certificatePath }, options);
  throw new Error(
    'Neither AZURE_CLIENT_SECRET nor AZURE_CLIENT_CERTIFICATE_PATH is set; set one of them for the app registration.',
  );
}

/** A client for DATAVERSE_URL authenticated with {@link credentialFromEnv}. */
export function clientFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  options: Partial<DataverseClientOptions> = {},
): DataverseClient {
  const url = required(
    env,
    'DATAVERSE_URL',
    'set it to the environment URL, e.g. https://org.crm.dynamics.com',
  );
  return new DataverseClient({ ...options, url, credential: options.credential ?? credentialFromEnv(env) });
}
