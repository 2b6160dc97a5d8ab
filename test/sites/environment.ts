/**
 * End-to-end set-up for the site tests: an in-process, seeded emulator with the tables of one data
 * model or both, optionally with the webhook host registered (so redemptions are applied the way
 * Dataverse applies them, by the step the emulator posts to the host), and helpers that read what a
 * contact holds and how many invitations exist.
 */
import { SEED } from '../../emulator/core';
import { startEmulator, type Emulator, type EmulatorDataModel } from '../../emulator/index';
import { startWebhookHost, type WebhookHost } from '../../plugins/host/server';
import { registerWebhooks } from '../../plugins/registration';
import { DataverseClient, StaticTokenCredential } from '../../sdk/client/index';
import type { WebApiRecord } from '../../sdk/client/types';
import { DATA_MODEL_NAMES, type DataModel } from '../../sdk/sites/index';

export { SEED };

const KEY = 'sites-e2e-webhook-key-not-a-secret';

/** A running environment. */
export interface SiteEnvironment {
  emulator: Emulator;
  client: DataverseClient;
  host?: WebhookHost;
  close(): Promise<void>;
}

/** Starts a seeded emulator with `dataModel`'s tables; `webhooks` registers the plug-in host. */
export async function startEnvironment(
  options: { dataModel?: EmulatorDataModel; webhooks?: boolean } = {},
): Promise<SiteEnvironment> {
  const emulator = await startEmulator({ port: 0, db: ':memory:', seed: true, dataModel: options.dataModel });
  const client = new DataverseClient({
    url: emulator.url,
    credential: new StaticTokenCredential('sites-e2e'),
  });
  let host: WebhookHost | undefined;
  if (options.webhooks) {
    host = await startWebhookHost({ key: KEY, client });
    await registerWebhooks(client, { hostUrl: host.webhookUrl, key: KEY });
  }
  return {
    emulator,
    client,
    host,
    close: async () => {
      await emulator.close();
      await host?.close();
    },
  };
}

/** The ids of the web roles a contact holds in one data model. */
export async function heldRoles(
  client: DataverseClient,
  contactId: string,
  model: DataModel,
): Promise<string[]> {
  const { role, contactRoles } = DATA_MODEL_NAMES[model];
  const ids: string[] = [];
  for await (const row of client.list<WebApiRecord>(`contacts(${contactId})/${contactRoles}`, {
    select: [role.primaryId],
  }))
    ids.push(String(row[role.primaryId]));
  return ids.sort();
}

/** How many invitations exist. */
export function invitationCount(client: DataverseClient): Promise<number> {
  return client.count('adx_invitations');
}
