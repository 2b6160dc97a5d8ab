/**
 * Building a credential and a client from environment variables (the CLI, the webhook host, scripts).
 * A missing variable is reported together with every other missing one, each with what to set it to.
 */
import { ConfigurationError } from '../../errors';
import type { DataverseClient } from '../client';
import type { DataverseClientOptions, TokenCredential } from '../types';
import { entraCredential, entraVariablesSet, missingEntraVariables } from './entra-env';
import { clientForUrl, EMULATOR_URL, TOKEN_VARIABLE } from './local-client';

/**
 * A credential from AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or
 * AZURE_CLIENT_CERTIFICATE_PATH (AZURE_AUTHORITY_HOST optional).
 * @throws ConfigurationError naming every missing variable
 */
export function credentialFromEnv(env: NodeJS.ProcessEnv = process.env): TokenCredential {
  return entraCredential(env);
}

/**
 * A client for DATAVERSE_URL with the same rule as {@link clientForUrl}: DATAVERSE_TOKEN when set,
 * else no credentials for a loopback URL (the local emulator), else the AZURE_* variables. Without
 * DATAVERSE_URL it talks to the local emulator ({@link EMULATOR_URL}, what `npm start` serves),
 * unless AZURE_* variables are set: they mean a real org, whose URL must then be given.
 * @throws ConfigurationError naming every missing variable; also for a URL that is not one
 */
export function clientFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  options: Partial<DataverseClientOptions> = {},
): DataverseClient {
  const url = env.DATAVERSE_URL?.trim();
  const entra = entraVariablesSet(env);
  if (!url && entra.length > 0 && !options.credential && !env[TOKEN_VARIABLE]?.trim()) {
    const missing = ['DATAVERSE_URL is not set (the environment URL, e.g. https://<org>.crm.dynamics.com)'];
    missing.push(...missingEntraVariables(env));
    throw new ConfigurationError(
      `${entra.join(', ')} ${entra.length === 1 ? 'is' : 'are'} set, so the client would sign in to a real org, but ${missing.join('; ')}. ` +
        `Set them, or unset ${entra.join(', ')} to use the local emulator at ${EMULATOR_URL}.`,
    );
  }
  return clientForUrl(url, env, options);
}
