/**
 * End-to-end set-up for the invitation service: an in-process emulator on a free port with the
 * seeded sample portal, and a client that counts the HTTP requests it sends.
 */
import { DataverseClient, StaticTokenCredential } from '../../sdk/client';
import { startEmulator } from '../../emulator/index';

export { SEED } from '../../emulator/core';

/** A running emulator and a request-counting client for it. */
export interface EmulatorHarness {
  url: string;
  client: DataverseClient;
  /** Requests sent by `client` so far (every attempt counts). */
  requests: () => number;
  close(): Promise<void>;
}

/** Starts a fresh in-memory emulator with the sample portal seeded. */
export async function startHarness(options: { maxConcurrency?: number } = {}): Promise<EmulatorHarness> {
  const emulator = await startEmulator({ port: 0, db: ':memory:', seed: true });
  let count = 0;
  const client = new DataverseClient({
    url: emulator.url,
    credential: new StaticTokenCredential('emulator-token'),
    maxConcurrency: options.maxConcurrency,
    logger: {
      debug: (message) => {
        if (message.startsWith('→ ')) count++;
      },
    },
  });
  return { url: emulator.url, client, requests: () => count, close: () => emulator.close() };
}
