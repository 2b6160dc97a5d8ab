#!/usr/bin/env node
/**
 * `npm start`: the seeded emulator on http://127.0.0.1:5170 (file DB .data/dataverse.sqlite; a site
 * of each data model), the webhook host on a free port with its steps registered, a short demo on
 * the enhanced-model site, then the next steps, and it keeps running until Ctrl+C.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { DataverseClient, StaticTokenCredential } from '../sdk/client/index';
import { startEmulator } from '../emulator/index';
import { SEED } from '../emulator/core';
import { registerWebhooks } from '../plugins/registration';
import { startWebhookHost } from '../plugins/host/server';
import { EMULATOR_TOKEN, EMULATOR_URL } from './command';
import { describeError } from './error-report';
import { UsageError } from './errors';
import { Output } from './output';
import { describeListenError, onShutdown, type Closeable } from './serve';
import { runDemo } from './demo/run-demo';

/** Where the demo's database lives (relative to the working directory). */
export const DEMO_DB = '.data/dataverse.sqlite';

/** Options of the demo; `npm start -- --port 0 --db <file>` overrides the defaults. */
export interface StartOptions {
  /** Emulator port; default 5170. */
  port: number;
  /** SQLite file; default {@link DEMO_DB}. */
  db: string;
}

const START_USAGE = 'npm start takes --port <port> (0 = any free port), --db <file> and --verbose.';

function readStartOptions(argv: string[]): StartOptions {
  let values: { port?: string; db?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, db: { type: 'string' }, verbose: { type: 'boolean' } },
    }));
  } catch (error) {
    // parseArgs names the unknown or incomplete option in its message.
    throw new UsageError((error as Error).message, START_USAGE, { cause: error });
  }
  const port = values.port === undefined ? Number(new URL(EMULATOR_URL).port) : Number(values.port);
  if (values.port?.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${values.port} is not a port.`, START_USAGE);
  return { port, db: values.db ?? DEMO_DB };
}

async function main(out: Output, { port, db }: StartOptions): Promise<void> {
  const running: Closeable[] = [];
  // Listening from the start: Ctrl+C during the demo stops cleanly too.
  const shutdown = onShutdown(out, running);
  const stopAll = async () => {
    shutdown.cancel();
    for (const server of running.reverse()) await server.close().catch(() => undefined);
  };
  try {
    if (db !== ':memory:') mkdirSync(dirname(db), { recursive: true });
    out.info(`Starting the Dataverse emulator on 127.0.0.1:${port} (database ${db})...`);
    const emulator = await startEmulator({ port, db, seed: true }).catch((error: unknown) => {
      throw describeListenError(error, port, 'the emulator');
    });
    running.push(emulator);
    const client = new DataverseClient({
      url: emulator.url,
      credential: new StaticTokenCredential(EMULATOR_TOKEN),
    });

    const key = randomBytes(24).toString('base64url');
    const host = await startWebhookHost({
      key,
      client,
      port: 0,
      logger: { error: (message) => out.warn(`webhook host: ${message}`) },
    });
    running.push(host);
    out.info(`Webhook host on ${host.url}; registering its steps with the emulator...`);
    const registration = await registerWebhooks(client, { hostUrl: host.webhookUrl, key });
    out.info(`Registered ${registration.steps.map((s) => `${s.name} (${s.action})`).join(', ')}.`);

    await runDemo(
      client,
      {
        contactId: SEED.contacts.alice,
        accountId: SEED.accountId,
        siteId: SEED.enhancedSiteId,
        fallbackSiteId: SEED.websiteId,
        webRoles: ['Partners', 'Authenticated Users'],
      },
      out,
    );
    out.info(nextSteps(emulator.url, db));
  } catch (error) {
    await stopAll();
    throw error;
  }
  await shutdown.done;
}

/** The "what next" text for an emulator at `url` with database `db`. */
export function nextSteps(url: string, db: string): string {
  // Off the default port the commands need --url; on it they find the emulator by themselves.
  const target = url === EMULATOR_URL ? '' : ` --url ${url}`;
  const where = target
    ? `(add --url ${url}: it is not on the default ${EMULATOR_URL})`
    : '(it is the default target when DATAVERSE_URL is unset)';
  return `
Done. The emulator keeps running on ${url} (Web API ${url}/api/data/v9.2/, database ${db}).

Try the admin command line against it ${where}:
  npx portal-invite workflow show${target}
  npx portal-invite sites list${target}
  npx portal-invite invite create --contact bob.brown@example.com --site "Fabrikam Partners" --role "Partners" --expires 30d --send${target}
  npx portal-invite invite list --status sent${target}
  npx portal-invite invite bulk --csv invitees.csv --results results.csv --send${target}
  npx portal-invite workflow patch-template --subject "You're invited" --body-file invite.html \\
      --redeem-url "https://portal.example.com/register?invitation={code}" --dry-run${target}
  npx portal-invite --help

Point it at a real Dataverse org instead:
  export DATAVERSE_URL=https://<org>.crm.dynamics.com
  export AZURE_TENANT_ID=<tenant id> AZURE_CLIENT_ID=<app id> AZURE_CLIENT_SECRET=<secret>
  npx portal-invite solution pack --out dist/PortalInvitations.zip && npx portal-invite solution import --zip dist/PortalInvitations.zip --publish
  npx portal-invite webhooks register --host-url https://<your webhook host> --key <secret>

The data stays in ${db}; run npm start again to reuse it, or delete the file for a fresh start.
Press Ctrl+C to stop.
`;
}

if (require.main === module) {
  const out = new Output({ json: false, verbose: process.argv.includes('--verbose') });
  Promise.resolve()
    .then(() => main(out, readStartOptions(process.argv.slice(2))))
    .catch((error: unknown) => {
      const report = describeError(error);
      out.info(`error: ${report.message}`);
      if (report.hint) out.info(report.hint);
      if (out.verbose && error instanceof Error) out.info(error.stack ?? '');
      process.exitCode = report.exitCode;
    });
}
