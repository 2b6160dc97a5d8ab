/** An in-process emulator for one test (free port, in-memory, seeded) and a client to inspect it. */
import { startEmulator } from '../../../emulator/index';
import { DataverseClient, StaticTokenCredential } from '../../../sdk/client/index';
import type { WebApiRecord } from '../../../sdk/client/types';
import { ContactTable } from '../../../sdk/entities/index';

/** A running emulator and a client pointed at it. */
export interface TestEmulator {
  url: string;
  client: DataverseClient;
  faults: Awaited<ReturnType<typeof startEmulator>>['faults'];
  close(): Promise<void>;
}

/** Starts `startEmulator({ port: 0, db: ':memory:', seed: true })`. */
export async function startTestEmulator(): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, db: ':memory:', seed: true });
  const client = new DataverseClient({
    url: emulator.url,
    credential: new StaticTokenCredential('test-token'),
    maxAttempts: 1,
  });
  return { url: emulator.url, client, faults: emulator.faults, close: () => emulator.close() };
}

/** Seeded contacts that have an e-mail address, first `count` by address. */
export async function seededContacts(
  client: DataverseClient,
  count: number,
): Promise<{ id: string; email: string }[]> {
  const c = ContactTable.columns;
  const contacts: { id: string; email: string }[] = [];
  for await (const row of client.list<WebApiRecord>(ContactTable.entitySet, {
    select: [c.id, c.email],
    filter: `${c.email} ne null`,
    orderBy: c.email,
  })) {
    contacts.push({ id: row[c.id] as string, email: row[c.email] as string });
  }
  if (contacts.length < count)
    throw new Error(`The seed has ${contacts.length} contacts with e-mail; the test needs ${count}.`);
  return contacts.slice(0, count);
}

export { tempDir } from './temp-dir';
