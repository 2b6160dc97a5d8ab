/**
 * Loads better-sqlite3, the emulator's storage engine, on first use. It is an optional peer of this
 * package: the SDK and the plugin host never need it (it compiles a native module on install), so a
 * user of the emulator installs it next to the package, and a missing or broken install is reported
 * with the command that fixes it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { ErrorKind, PortalInvitationsError } from '../../sdk/errors';

/** The version range of better-sqlite3 the emulator is built and tested against. */
export const SQLITE_PACKAGE = 'better-sqlite3@^12';

/** Raised when the emulator's storage engine is not installed or cannot load. */
export class EmulatorStorageUnavailableError extends PortalInvitationsError {
  /** Stable code for programs: the storage engine is missing or its native module failed to load. */
  readonly code = 'EMULATOR_STORAGE_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorKind.EmulatorStorage, message, options);
  }
}

let driver: typeof BetterSqlite3 | undefined;

/** better-sqlite3's `Database` constructor; throws {@link EmulatorStorageUnavailableError} when it cannot load. */
export function loadSqlite(): typeof BetterSqlite3 {
  if (driver) return driver;
  try {
    driver = require('better-sqlite3') as typeof BetterSqlite3;
    return driver;
  } catch (error) {
    throw storageUnavailable(error);
  }
}

function storageUnavailable(error: unknown): EmulatorStorageUnavailableError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (code === 'MODULE_NOT_FOUND' && detail.includes('better-sqlite3')) {
    return new EmulatorStorageUnavailableError(
      `The local Dataverse emulator stores its data with better-sqlite3, which is not installed. ` +
        `Install it beside this package: npm install ${SQLITE_PACKAGE} (it builds a native module: ` +
        `where no prebuilt binary fits, that needs python3, make and a C++ compiler). ` +
        `The SDK and the plugin host do not need it.`,
      { cause: error },
    );
  }
  return new EmulatorStorageUnavailableError(
    `The local Dataverse emulator could not load better-sqlite3 (${detail}). It is usually a native ` +
      `module built for another Node.js version: run npm rebuild better-sqlite3, or reinstall it with ` +
      `npm install ${SQLITE_PACKAGE}.`,
    { cause: error },
  );
}
