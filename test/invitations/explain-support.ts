/**
 * Set-up for the `explain` tests: a seeded in-process emulator (both data models, or one), an
 * arranging client with an in-process InvitationService, and the service under test on a client
 * that records every request it sends, so each test can also check that explain only read.
 */
import { SEED } from '../../emulator/core';
import { startEmulator, type Emulator, type EmulatorDataModel } from '../../emulator/index';
import { DataverseClient, StaticTokenCredential } from '../../sdk/client/index';
import type { WebApiRecord } from '../../sdk/client/types';
import {
  MsppSiteSettingTable,
  MsppWebsiteTable,
  SiteSettingTable,
  WebsiteTable,
} from '../../sdk/entities/index';
import { InvitationService, type InvitationExplanation } from '../../sdk/invitations/index';
import type { DataModel } from '../../sdk/sites/index';
import { recordingClient, type RecordingClient } from '../support/request-recorder';

export { SEED };

/** A running environment for explain. */
export interface ExplainEnv {
  emulator: Emulator;
  /** Arranges data (not recorded). */
  client: DataverseClient;
  /** Creates, sends, redeems (handlers in-process). */
  service: InvitationService;
  /** The client explain runs on. */
  recorder: RecordingClient;
  /** Explains with the recording client at `now` (default the real clock). */
  explain(code: string, who?: string, now?: number): Promise<InvitationExplanation>;
  close(): Promise<void>;
}

/** Starts a seeded emulator with `dataModel`'s tables (and the emulator's clock, if given). */
export async function startExplainEnv(
  dataModel?: EmulatorDataModel,
  emulatorClock?: () => Date,
): Promise<ExplainEnv> {
  const emulator = await startEmulator({
    port: 0,
    db: ':memory:',
    seed: true,
    dataModel,
    ...(emulatorClock ? { now: emulatorClock } : {}),
  });
  const client = new DataverseClient({
    url: emulator.url,
    credential: new StaticTokenCredential('explain-e2e'),
  });
  const recorder = recordingClient(emulator.url);
  return {
    emulator,
    client,
    recorder,
    service: new InvitationService(client, { handlers: 'in-process' }),
    explain: (code, who, now) =>
      new InvitationService(recorder.client, now === undefined ? {} : { now: () => now }).explain(code, who),
    close: () => emulator.close(),
  };
}

/** The requests explain sent that were not GETs (should be none). */
export function writesSent(env: ExplainEnv): string[] {
  return env.recorder.requests.filter((r) => !r.startsWith('GET '));
}

const TABLES = {
  standard: { table: SiteSettingTable, site: WebsiteTable, siteId: SEED.websiteId },
  enhanced: { table: MsppSiteSettingTable, site: MsppWebsiteTable, siteId: SEED.enhancedSiteId },
} as const;

/** Sets a site setting of the seeded site of `model` (updating every row of that name, or adding one). */
export async function setSiteSetting(
  env: ExplainEnv,
  model: DataModel,
  name: string,
  value: string,
): Promise<void> {
  const { table, site, siteId } = TABLES[model];
  const c = table.columns;
  const ids: string[] = [];
  for await (const row of env.client.list<WebApiRecord>(table.entitySet, {
    select: [c.id],
    filter: `${c.name} eq '${name}' and ${table.lookups.website.valueField} eq ${siteId}`,
  }))
    ids.push(String(row[c.id]));
  for (const id of ids) await env.client.update(table.entitySet, id, { [c.value]: value });
  if (ids.length === 0)
    await env.client.create(table.entitySet, {
      [c.name]: name,
      [c.value]: value,
      [`${table.lookups.website.navigation}@odata.bind`]: `/${site.entitySet}(${siteId})`,
    });
}

/** The seeded site's name in each model. */
export const SITE_NAME: Record<DataModel, string> = {
  standard: 'Contoso Partner Portal',
  enhanced: 'Fabrikam Partners',
};

/** The reason codes of an explanation, in order. */
export function reasonCodes(e: InvitationExplanation): string[] {
  return e.reasons.map((r) => r.reason);
}

/** A classic workflow with no steps on contact, activated: what an invitation runs on redemption. */
export async function createWelcomeWorkflow(env: ExplainEnv, name = 'Welcome partner'): Promise<string> {
  const id = await env.client.create('workflows', {
    name,
    type: 1,
    category: 0,
    mode: 0,
    ondemand: true,
    primaryentity: 'contact',
    xaml:
      '<Activity xmlns="http://schemas.microsoft.com/netfx/2009/xaml/activities" ' +
      'xmlns:mxswa="clr-namespace:Microsoft.Xrm.Sdk.Workflow.Activities;assembly=Microsoft.Xrm.Sdk.Workflow, Version=8.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35">' +
      '<mxswa:Workflow /></Activity>',
  });
  await env.client.update('workflows', id, { statecode: 1, statuscode: 2 });
  return id;
}
