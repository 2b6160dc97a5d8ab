/** `portal-invite webhooks register`: point the environment's invitation steps at a webhook host. */
import type { Command } from 'commander';
import { registerWebhooks } from '../../plugins/registration';
import { action, examples } from '../command';
import { isLoopbackUrl } from '../../sdk/client/index';
import { UsageError } from '../errors';
import { table } from '../output';

/** The one environment variable holding the webhook key, read by `webhooks register` and `plugins serve`. */
export const WEBHOOK_KEY_VARIABLE = 'PORTAL_INVITE_WEBHOOK_KEY';

/** Options of `webhooks register`. */
export interface WebhooksRegisterOptions {
  /** Base URL of the webhook host (`plugins serve`). */
  hostUrl: string;
  /** WebhookKey the host expects. */
  key?: string;
  /** Service endpoint name. */
  name?: string;
}

/** Registers `webhooks register` under the `webhooks` group. */
export function registerWebhooksRegister(group: Command): void {
  group
    .command('register')
    .description('register (or update) the webhook endpoint and the invitation steps in the environment')
    .requiredOption('--host-url <url>', 'https URL of the webhook host (http only for 127.0.0.1/localhost)')
    .option('--key <secret>', `the WebhookKey the host checks (default: $${WEBHOOK_KEY_VARIABLE})`)
    .option('--name <name>', 'service endpoint name')
    .addHelpText(
      'after',
      '\nRunning it again updates the endpoint and steps; it never creates duplicates.\n' +
        examples([
          [
            'PORTAL_INVITE_WEBHOOK_KEY=... portal-invite webhooks register --host-url https://invites.contoso.com',
            'a host deployed on the internet',
          ],
        ]),
    )
    .action(
      action<WebhooksRegisterOptions>(async (ctx, options) => {
        const hostUrl = checkHostUrl(options.hostUrl);
        const key = webhookKey(options.key, ctx.env);
        const result = await registerWebhooks(ctx.client, { hostUrl, key, name: options.name });
        ctx.out.data(
          result,
          () =>
            `Service endpoint ${result.endpointId} (${result.endpointAction})\n` +
            table(
              ['STEP', 'ID', 'ACTION'],
              result.steps.map((s) => [s.name, s.id, s.action]),
            ),
        );
      }),
    );
}

/**
 * The webhook key: `--key`, else {@link WEBHOOK_KEY_VARIABLE}. The variable keeps it off the command
 * line, where other local users could see it; it is never printed.
 * @throws UsageError when neither is given
 */
export function webhookKey(given: string | undefined, env: NodeJS.ProcessEnv): string {
  const key = given ?? env[WEBHOOK_KEY_VARIABLE];
  if (key) return key;
  throw new UsageError(
    'The webhook key is missing.',
    `Pass --key <secret> or set ${WEBHOOK_KEY_VARIABLE} (\`plugins serve\` and \`webhooks register\` must use the same key).` +
      // The variable of the old standalone host: say it is no longer read rather than ignore it silently.
      (env.PLUGIN_HOST_KEY
        ? ` PLUGIN_HOST_KEY is no longer read: rename it to ${WEBHOOK_KEY_VARIABLE}.`
        : ''),
  );
}

/**
 * Refuses anything but https, except plain http to this machine (the emulator and a local host).
 * @param option - the option the URL came from, for the message
 */
export function checkHostUrl(value: string, option = '--host-url'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${option} "${value}" is not a URL.`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(value)))
    return value.replace(/\/+$/, '');
  throw new UsageError(
    `${option} must use https (got ${url.protocol}//${url.host}).`,
    'Dataverse posts the execution context, and the key, to this URL: use https. Plain http is allowed only for 127.0.0.1/localhost.',
  );
}
