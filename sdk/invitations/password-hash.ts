/**
 * ASP.NET Identity password hashes, as the portal verifies `adx_identity_passwordhash`.
 *
 * Layouts (all integers big-endian), base64 encoded:
 * - V2 `0x00 | salt(16) | subkey(32)`: PBKDF2-HMAC-SHA1, 1000 iterations.
 * - V3 `0x01 | prf(u32) | iterations(u32) | saltLength(u32) | salt | subkey(32)`; prf 0 SHA1, 1 SHA256, 2 SHA512.
 *
 * Why V2 is the default: the portal's identity code (xRM Portals Community Edition,
 * `Adxstudio.Xrm.AspNet.Identity.CrmUserManager`) is built on Microsoft.AspNet.Identity 2, whose
 * `PasswordHasher` only reads V2 hashes, while ASP.NET Core Identity reads both V2 and V3 (V2 as
 * "success, rehash needed"). A V2 hash therefore signs in on every portal generation; V3 only on
 * the newer one. V3 is available with `{ format: 'v3' }`.
 * See https://github.com/dotnet/aspnetcore/blob/main/src/Identity/Extensions.Core/src/PasswordHasher.cs
 */
import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidArgumentError } from '../errors';

/** Options for {@link hashPassword}. */
export interface HashPasswordOptions {
  /** `v2` (default: what every portal generation verifies) or `v3`. */
  format?: 'v2' | 'v3';
  /** V3 only: PBKDF2 iterations; default 10000 (ASP.NET Core Identity 3–6 default for V3). */
  iterations?: number;
  /** V3 only: the PRF; default `sha256` (prf 1). */
  prf?: 'sha1' | 'sha256' | 'sha512';
  /** Injected for tests only: the 16-byte salt (default: random). */
  salt?: Buffer;
}

const SALT_BYTES = 16;
const SUBKEY_BYTES = 32;
const V2_ITERATIONS = 1000;
const PRF_IDS = { sha1: 0, sha256: 1, sha512: 2 } as const;
const PRF_NAMES = ['sha1', 'sha256', 'sha512'] as const;

/** Hashes a password in ASP.NET Identity's format; the password itself is never kept. */
export function hashPassword(password: string, options: HashPasswordOptions = {}): string {
  const salt = options.salt ?? randomBytes(SALT_BYTES);
  if (salt.length !== SALT_BYTES) {
    throw new InvalidArgumentError('salt', `salt must be ${SALT_BYTES} bytes, got ${salt.length}.`);
  }
  if ((options.format ?? 'v2') === 'v2') {
    const subkey = pbkdf2Sync(password, salt, V2_ITERATIONS, SUBKEY_BYTES, 'sha1');
    return Buffer.concat([Buffer.from([0x00]), salt, subkey]).toString('base64');
  }
  const prf = options.prf ?? 'sha256';
  const iterations = options.iterations ?? 10000;
  const subkey = pbkdf2Sync(password, salt, iterations, SUBKEY_BYTES, prf);
  const header = Buffer.alloc(13);
  header.writeUInt8(0x01, 0);
  header.writeUInt32BE(PRF_IDS[prf], 1);
  header.writeUInt32BE(iterations, 5);
  header.writeUInt32BE(SALT_BYTES, 9);
  return Buffer.concat([header, salt, subkey]).toString('base64');
}

/** True when `password` matches an ASP.NET Identity V2 or V3 hash; false for any malformed hash. */
export function verifyPassword(hash: string, password: string): boolean {
  let bytes: Buffer;
  try {
    bytes = Buffer.from(hash, 'base64');
  } catch {
    return false;
  }
  if (bytes.length === 0) return false;
  if (bytes[0] === 0x00) return verifyV2(bytes, password);
  if (bytes[0] === 0x01) return verifyV3(bytes, password);
  return false;
}

function verifyV2(bytes: Buffer, password: string): boolean {
  if (bytes.length !== 1 + SALT_BYTES + SUBKEY_BYTES) return false;
  const salt = bytes.subarray(1, 1 + SALT_BYTES);
  const expected = bytes.subarray(1 + SALT_BYTES);
  const actual = pbkdf2Sync(password, salt, V2_ITERATIONS, SUBKEY_BYTES, 'sha1');
  return timingSafeEqual(actual, expected);
}

function verifyV3(bytes: Buffer, password: string): boolean {
  if (bytes.length < 13) return false;
  const prf = PRF_NAMES[bytes.readUInt32BE(1)];
  const iterations = bytes.readUInt32BE(5);
  const saltLength = bytes.readUInt32BE(9);
  // Identity requires a salt of at least 128 bits and a subkey of at least 128 bits.
  if (!prf || iterations < 1 || saltLength < 16 || bytes.length < 13 + saltLength + 16) return false;
  const salt = bytes.subarray(13, 13 + saltLength);
  const expected = bytes.subarray(13 + saltLength);
  const actual = pbkdf2Sync(password, salt, iterations, expected.length, prf);
  return timingSafeEqual(actual, expected);
}
