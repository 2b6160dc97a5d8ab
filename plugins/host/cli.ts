/**
 * `npm run plugins -- --port 7071 --key <secret> [--url <environment>]`: runs the webhook host. Talks
 * to --url, else DATAVERSE_URL, else the local emulator, with the SDK's one rule for credentials
 * (`clientForUrl`): a loopback URL without AZURE_* variables gets the emulator's static token, any
 * other URL the credentials the environment names. The key can come from PLUGIN_HOST_KEY instead of
 * the command line (where other local users could see it); it is never printed.
 */
import { Command, InvalidArgumentError } from 'commander';
import { clientForUrl, DataverseClient, EMULATOR_URL, redactText } from '../../sdk/client/index';
import { registerWebhooks } from '../registration';
import { startWebhookHost, type WebhookHost } from './server';

/** The emulator's default address, used when neither --url nor DATAVERSE_URL is set (the SDK's EMULATOR_URL). */
export const LOCAL_EMULATOR_URL = EMULATOR_URL;

/** Options of the `plugins` command. */
export interface PluginsCliOptions {
  port: number;
  host: string;
  key?: string;
  /** Register the endpoint and steps with Dataverse, pointing at this public URL of the host. */
  register?: string;
  /** Environment URL; default DATAVERSE_URL, else {@link LOCAL_EMULATOR_URL}. */
  url?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('Use a whole number from 0 to 65535.');
  }
  return port;
}

/**
 * The client the host's handlers use: `url`, else DATAVERSE_URL, else the local emulator, with
 * credentials by the SDK's rule (a loopback URL needs no AZURE_* variables).
 */
export function clientFor(env: NodeJS.ProcessEnv, url?: string): DataverseClient {
  return clientForUrl(url, env);
}

/**
 * Parses the arguments, starts the host and (with --register) registers it.
 * @returns the running host; the caller stops it with `close()`.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<WebhookHost> {
  const program = new Command('plugins')
    .description('Receive Dataverse webhooks and run the portal invitation handlers.')
    .option('--port <port>', 'port to listen on', parsePort, 7071)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--key <key>', 'the webhook key Dataverse sends (default: PLUGIN_HOST_KEY)')
    .option(
      '--url <url>',
      `environment URL (default: DATAVERSE_URL, else the local emulator ${EMULATOR_URL})`,
    )
    .option('--register <url>', 'register the endpoint and steps in Dataverse, pointing at this public URL')
    .exitOverride();
  program.parse(argv, { from: 'user' });
  const options = program.opts<PluginsCliOptions>();
  const key = options.key ?? env.PLUGIN_HOST_KEY;
  if (!key) throw new Error('No webhook key: pass --key <key> or set PLUGIN_HOST_KEY.');
  const client = clientFor(env, options.url);
  const host = await startWebhookHost({
    key,
    client,
    port: options.port,
    host: options.host,
    logger: {
      info: (message) => process.stderr.write(`${message}\n`),
      error: (message, error) =>
        process.stderr.write(
          `${message}: ${redactText(error instanceof Error ? error.message : String(error))}\n`,
        ),
    },
  });
  process.stderr.write(`Webhook host listening on ${host.webhookUrl} for ${client.url}\n`);
  if (options.register) {
    const result = await registerWebhooks(client, { hostUrl: options.register, key });
    for (const step of result.steps) process.stderr.write(`step ${step.action}: ${step.name}\n`);
  }
  return host;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (host) => {
      const stop = () => void host.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      const code = (error as { code?: string }).code;
      if (code === 'commander.helpDisplayed' || code === 'commander.version') process.exit(0);
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
