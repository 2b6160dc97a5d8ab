/**
 * Building a credential and a client from environment variables (the CLI, the webhook host, scripts).
 * A missing variable is reported together with every other missing one, each with what to set it to.
 */
import { ConfigurationError } from '../../errors';
import { DataverseClient } from '../client';
import type { DataverseClientOptions, TokenCredential } from '../types';
import { ClientCertificateCredential } from './client-certificate';
import { ClientSecretCredential } from './client-secret';

/** A variable (or a choice of variables) that is not set: what is missing and what to set. */
interface Missing {
  /** `X is not set` or `Neither X nor Y is set`. */
  problem: string;
  /** What to set it to. */
  fix: string;
}

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name]?.trim() || undefined;
}

/** The AZURE_* variables credentialFromEnv needs that are not set. */
function missingCredentialVariables(env: NodeJS.ProcessEnv): Missing[] {
  const missing: Missing[] = [];
  if (!value(env, 'AZURE_TENANT_ID'))
    missing.push({
      problem: 'AZURE_TENANT_ID is not set',
      fix: 'set it to the Entra ID tenant (directory) id',
    });
  if (!value(env, 'AZURE_CLIENT_ID'))
    missing.push({
      problem: 'AZURE_CLIENT_ID is not set',
      fix: 'set it to the application (client) id of the app registration',
    });
  if (!value(env, 'AZURE_CLIENT_SECRET') && !value(env, 'AZURE_CLIENT_CERTIFICATE_PATH')) {
    missing.push({
      problem: 'Neither AZURE_CLIENT_SECRET nor AZURE_CLIENT_CERTIFICATE_PATH is set',
      fix: "set one: the app registration's client secret, or the path of a PEM file with its certificate and private key",
    });
  }
  return missing;
}

function missingError(missing: Missing[]): ConfigurationError {
  if (missing.length === 1) return new ConfigurationError(`${missing[0].problem}; ${missing[0].fix}.`);
  const lines = missing.map((m) => `  ${m.problem}; ${m.fix}.`);
  return new ConfigurationError(`${missing.length} environment settings are missing:\n${lines.join('\n')}`);
}

/**
 * A credential from AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or
 * AZURE_CLIENT_CERTIFICATE_PATH (AZURE_AUTHORITY_HOST optional). A ConfigurationError names every
 * missing variable.
 */
export function credentialFromEnv(env: NodeJS.ProcessEnv = process.env): TokenCredential {
  const missing = missingCredentialVariables(env);
  if (missing.length > 0) throw missingError(missing);
  const tenantId = value(env, 'AZURE_TENANT_ID') ?? '';
  const clientId = value(env, 'AZURE_CLIENT_ID') ?? '';
  const options = { authorityHost: value(env, 'AZURE_AUTHORITY_HOST') };
  const secret = value(env, 'AZURE_CLIENT_SECRET');
  if (secret) return new ClientSecretCredential(tenantId, clientId, secret, options);
  const certificatePath = value(env, 'AZURE_CLIENT_CERTIFICATE_PATH') ?? '';
  return new ClientCertificateCredential(tenantId, clientId, { certificatePath }, options);
}

/**
 * A client for DATAVERSE_URL authenticated with {@link credentialFromEnv} (unless
 * `options.credential` is given). A ConfigurationError names every missing variable, the URL's and
 * the credential's together.
 */
export function clientFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  options: Partial<DataverseClientOptions> = {},
): DataverseClient {
  const url = value(env, 'DATAVERSE_URL');
  const missing: Missing[] = url
    ? []
    : [
        {
          problem: 'DATAVERSE_URL is not set',
          fix: 'set it to the environment URL, e.g. https://org.crm.dynamics.com',
        },
      ];
  if (!options.credential) missing.push(...missingCredentialVariables(env));
  if (missing.length > 0 || !url) throw missingError(missing);
  return new DataverseClient({ ...options, url, credential: options.credential ?? credentialFromEnv(env) });
}
