/**
 * Run in a child process by durability.test.ts: starts the core on a database file and prints
 * its API URL on stdout, then waits to be killed.
 */
import { startEmulatorCore } from '../../../../emulator/core';

void startEmulatorCore({ db: process.argv[2], seed: true }).then((core) => {
  process.stdout.write(`${core.apiUrl}\n`);
});
