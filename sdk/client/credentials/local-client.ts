/**
 * The one rule for choosing credentials by URL: a token given in DATAVERSE_TOKEN is used as is;
 * otherwise the local emulator (a loopback URL) needs no Entra ID credentials, and any other
 * environment gets them from the AZURE_* variables.
 */
import { DataverseClient } from '../client';
import type { DataverseClientOptions, TokenCredential } from '../types';
import { assertSecureUrl, isLoopbackUrl } from '../url-security';
import { entraCredential, entraVariablesSet, missingEntraVariables } from './entra-env';
import { StaticTokenCredential } from './static-token';

/** Where `npm start` and `portal-invite emulator` serve the local Dataverse emulator. */
export const EMULATOR_URL = 'http://127.0.0.1:5170';

/**
 * The token sent to a loopback URL without DATAVERSE_TOKEN or AZURE_* variables; an emulator started
 * without `--token` accepts any token.
 */
export const EMULATOR_TOKEN = 'emulator';

/**
 * The variable holding a ready-made bearer token, sent as is to any URL: the emulator's `--token`,
 * or a token obtained elsewhere (e.g. `az account get-access-token --resource <url>`). It is never
 * refreshed, so a token that expires must be replaced; it is never logged.
 */
export const TOKEN_VARIABLE = 'DATAVERSE_TOKEN';

/**
 * The AZURE_* variables a loopback URL does not use: all that are set when they do not make a
 * complete app-registration sign-in (a leftover AZURE_TENANT_ID, say), else none. Empty for any
 * other URL and when DATAVERSE_TOKEN is set. For a caller that wants to say so.
 */
export function ignoredEntraVariables(url: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env[TOKEN_VARIABLE]?.trim() || !isLoopbackUrl(url)) return [];
  return missingEntraVariables(env).length > 0 ? entraVariablesSet(env) : [];
}

/**
 * The credential for an environment URL: the token in DATAVERSE_TOKEN ({@link TOKEN_VARIABLE}) when
 * it is set, whatever the URL; else, for a loopback URL (127.0.0.0/8, localhost, [::1]),
 * {@link EMULATOR_TOKEN} unless AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or
 * AZURE_CLIENT_CERTIFICATE_PATH) are all set (an incomplete set is a leftover the emulator does not
 * need; see {@link ignoredEntraVariables}); otherwise the AZURE_* credential, whose error names
 * every missing variable.
 */
export function credentialForUrl(url: string, env: NodeJS.ProcessEnv = process.env): TokenCredential {
  const token = env[TOKEN_VARIABLE]?.trim();
  if (token) return new StaticTokenCredential(token);
  if (isLoopbackUrl(url) && missingEntraVariables(env).length > 0) {
    return new StaticTokenCredential(EMULATOR_TOKEN);
  }
  return entraCredential(env, url);
}

/**
 * A client for `url`, else DATAVERSE_URL, else {@link EMULATOR_URL} (a blank value counts as unset),
 * authenticated by {@link credentialForUrl} unless `options.credential` is given. Throws a ConfigurationError
 * for a URL that is not http(s) or is plain http to a non-loopback host, and a ConfigurationError
 * naming every missing variable when a remote environment lacks its AZURE_* variables.
 */
export function clientForUrl(
  url?: string,
  env: NodeJS.ProcessEnv = process.env,
  options: Partial<DataverseClientOptions> = {},
): DataverseClient {
  const target = url?.trim() || env.DATAVERSE_URL?.trim() || EMULATOR_URL;
  assertSecureUrl(target);
  const credential = options.credential ?? credentialForUrl(target, env);
  return new DataverseClient({ ...options, url: target, credential });
}
