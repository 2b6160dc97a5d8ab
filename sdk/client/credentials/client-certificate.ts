/**
 * App-only authentication with a certificate (PEM holding the certificate and its private key),
 * through msal-node. msal needs the certificate's SHA-256 thumbprint and the private key.
 */
import { ConfigurationError } from '../../errors';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConfidentialClientApplication } from '@azure/msal-node';
import type { AccessToken, GetTokenOptions, TokenCredential } from '../types';
import { acquireToken, createMsalApp, type MsalCredentialOptions } from './msal-app';
import { TokenCache } from './token-cache';

/** Where the certificate comes from: a PEM file or PEM text (certificate + private key). */
export interface CertificateSource {
  certificatePath?: string;
  pem?: string;
}

/** The pieces msal needs from a PEM bundle. */
export interface ParsedCertificate {
  /** SHA-256 thumbprint of the certificate, hex without separators. */
  thumbprintSha256: string;
  privateKey: string;
  /** The certificate itself (PEM), sent as `x5c` for subject-name/issuer authentication. */
  x5c: string;
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PRIVATE_KEY =
  /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

/** Splits a PEM bundle into certificate, thumbprint and private key; clear errors for what is missing. */
export function parseCertificatePem(pem: string, origin = 'the PEM'): ParsedCertificate {
  const certificate = CERTIFICATE.exec(pem)?.[0];
  if (!certificate)
    throw new ConfigurationError(
      `No "BEGIN CERTIFICATE" block in ${origin}; give a PEM with the certificate and its private key.`,
    );
  const privateKey = PRIVATE_KEY.exec(pem)?.[0];
  if (!privateKey)
    throw new ConfigurationError(
      `No private key block in ${origin}; append the certificate's private key (PEM) to the file.`,
    );
  const thumbprintSha256 = new X509Certificate(certificate).fingerprint256.replace(/:/g, '');
  return { thumbprintSha256, privateKey, x5c: certificate };
}

/** Gets tokens for an app registration with a certificate; caches and refreshes them. */
export class ClientCertificateCredential implements TokenCredential {
  private readonly app: ConfidentialClientApplication;
  private readonly cache: TokenCache;

  constructor(
    tenantId: string,
    clientId: string,
    certificate: CertificateSource,
    options: MsalCredentialOptions = {},
  ) {
    const pem =
      certificate.pem ??
      (certificate.certificatePath ? readFileSync(certificate.certificatePath, 'utf8') : undefined);
    if (!pem)
      throw new ConfigurationError(
        'ClientCertificateCredential needs certificatePath or pem (AZURE_CLIENT_CERTIFICATE_PATH).',
      );
    const parsed = parseCertificatePem(pem, certificate.certificatePath ?? 'the PEM');
    this.app = createMsalApp(tenantId, clientId, { clientCertificate: parsed }, options);
    this.cache = new TokenCache((scopes, { forceRefresh }) =>
      acquireToken(this.app, scopes, forceRefresh, options.authorityHost),
    );
  }

  /**
   * A token for the scopes (e.g. `https://org.crm.dynamics.com/.default`); with `forceRefresh`, a new
   * one from Entra ID even if a cached one has not expired.
   */
  getToken(scopes: string[], options?: GetTokenOptions): Promise<AccessToken> {
    return this.cache.getToken(scopes, options);
  }
}
