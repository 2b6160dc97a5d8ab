/** `portal-invite webhooks register`: point the environment's invitation steps at a webhook host. */
import type { Command } from 'commander';
import { registerWebhooks } from '../../plugins/registration';
import { probeWebhookHost, type ProbeResult } from '../../plugins/registration-probe';
import { action, examples } from '../command';
import { isLoopbackUrl } from '../../sdk/client/index';
import { CliError, UsageError } from '../errors';
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
  /** False with --no-check: register without the test delivery. */
  check: boolean;
}

/** Registers `webhooks register` under the `webhooks` group. */
export function registerWebhooksRegister(group: Command): void {
  group
    .command('register')
    .description('register (or update) the webhook endpoint and the invitation steps in the environment')
    .requiredOption('--host-url <url>', 'https URL of the webhook host (http only for 127.0.0.1/localhost)')
    .option('--key <secret>', `the WebhookKey the host checks (default: $${WEBHOOK_KEY_VARIABLE})`)
    .option('--name <name>', 'service endpoint name')
    .option('--no-check', 'register without first posting a test delivery to the host (not recommended)')
    .addHelpText(
      'after',
      '\nBefore anything is written, the host gets one signed test delivery (a WhoAmI context that no\n' +
        'step handles) with the key; unless it answers 2xx, nothing is registered. Running it again\n' +
        'updates the endpoint and steps; it never creates duplicates. See also `webhooks list` and\n' +
        '`webhooks unregister`.\n' +
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
        if (options.check) {
          const probe = await probeWebhookHost(hostUrl, key);
          if (!probe.ok) throw probeFailure(probe);
          ctx.out.info(`The host at ${probe.url} answered the test delivery (HTTP ${probe.status}).`);
          if (!probe.portalInviteHost) {
            ctx.out.warn(
              'it answered, but not as `portal-invite plugins serve` does; check that it runs the invitation handlers.',
            );
          }
        } else {
          ctx.out.warn(
            'registering without checking the host: until it answers, every create of an invitation fails.',
          );
        }
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

/** The error for a host that did not pass the test delivery: nothing was registered. */
export function probeFailure(probe: ProbeResult): CliError {
  const start = 'Start it first (`portal-invite plugins serve`, or `npm run plugins`) and check the URL';
  switch (probe.problem) {
    case 'unreachable':
      return new CliError(
        `No webhook host answers at ${probe.url} (${probe.detail}); nothing was registered.`,
        `${start}, or pass --no-check to register a host that is not running yet (every create of an invitation fails until it answers).`,
      );
    case 'key_refused':
      return new CliError(
        `The host at ${probe.url} refused the key (HTTP ${probe.status}); nothing was registered.`,
        `Use the key the host was started with: the same --key or ${WEBHOOK_KEY_VARIABLE} for \`plugins serve\` and \`webhooks register\`.`,
      );
    case 'no_webhook':
      return new CliError(
        `Nothing handles webhooks at ${probe.url} (HTTP ${probe.status}); nothing was registered.`,
        "Give the host's base URL (the path /api/webhooks/dataverse is added) or its full webhook URL.",
      );
    default:
      return new CliError(
        `The host at ${probe.url} answered the test delivery with HTTP ${probe.status}${probe.detail ? `: ${probe.detail}` : ''}; nothing was registered.`,
        `${start}; its log says why it failed.`,
      );
  }
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
