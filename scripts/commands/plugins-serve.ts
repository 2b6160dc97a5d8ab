/**
 * `portal-invite plugins serve` (also `npm run plugins`): run the webhook host that executes the
 * invitation handlers until Ctrl+C, talking to --url (else DATAVERSE_URL, else the local emulator)
 * with the SDK's one rule for credentials; with --register, also register it with that environment.
 */
import type { Command } from 'commander';
import { registerWebhooks } from '../../plugins/registration';
import { probeWebhookHost } from '../../plugins/registration-probe';
import { startWebhookHost } from '../../plugins/host/server';
import { redactText } from '../../sdk/client/index';
import { action, examples } from '../command';
import { CliError } from '../errors';
import type { Output } from '../output';
import { DEFAULT_HOST_LIMITS, type HostLimitOptions } from '../../plugins/host/host-options';
import { limitSeconds, port, positiveInt } from '../options';
import { describeListenError, onShutdown } from '../serve';
import { checkHostUrl, probeFailure, WEBHOOK_KEY_VARIABLE, webhookKey } from './webhooks-register';

/** Options of `plugins serve`. */
export interface PluginsServeOptions {
  /** Port; default 7071. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** WebhookKey requests must carry; default {@link WEBHOOK_KEY_VARIABLE}. */
  key?: string;
  /** Once listening, register the endpoint and steps, pointing at this public URL of the host. */
  register?: string;
  /** False with --no-check: register without first posting a test delivery to the public URL. */
  check: boolean;
  /** Seconds a client may take to send its headers. */
  headersTimeout?: number;
  /** Seconds a client may take to send its whole request. */
  requestTimeout?: number;
  /** Seconds an idle keep-alive connection stays open. */
  keepAliveTimeout?: number;
  /** Deliveries run at once. */
  maxConcurrent?: number;
  /** Deliveries waiting for a turn before the host answers 503. */
  maxQueued?: number;
  /** Open connections. */
  maxConnections?: number;
}

/** The host limits the command line sets; the rest keep their defaults. */
function hostLimits(options: PluginsServeOptions): HostLimitOptions {
  const ms = (seconds: number | undefined) =>
    seconds === undefined ? undefined : Math.round(seconds * 1000);
  const limits: HostLimitOptions = {
    headersTimeoutMs: ms(options.headersTimeout),
    requestTimeoutMs: ms(options.requestTimeout),
    keepAliveTimeoutMs: ms(options.keepAliveTimeout),
    maxConcurrentRequests: options.maxConcurrent,
    maxQueuedRequests: options.maxQueued,
    maxConnections: options.maxConnections,
  };
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}

const seconds = (ms: number) => `${ms / 1000}`;

/** Registers `plugins serve` under the `plugins` group. */
export function registerPluginsServe(group: Command): void {
  group
    .command('serve')
    .description('run the webhook host (invitation create/redeem handlers) until Ctrl+C')
    .option('--port <port>', 'port to listen on (0 = any free port)', port, 7071)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--key <secret>', `WebhookKey callers must send (default: $${WEBHOOK_KEY_VARIABLE})`)
    .option(
      '--register <public-url>',
      'once listening, post a test delivery to this public URL of the host and, if this host answers it, register the endpoint and steps there',
    )
    .option('--no-check', 'with --register: register without the test delivery (not recommended)')
    .option(
      '--headers-timeout <s>',
      `seconds a client may take to send its headers (default ${seconds(DEFAULT_HOST_LIMITS.headersTimeoutMs)})`,
      limitSeconds,
    )
    .option(
      '--request-timeout <s>',
      `seconds a client may take to send its whole request, then 408 (default ${seconds(DEFAULT_HOST_LIMITS.requestTimeoutMs)})`,
      limitSeconds,
    )
    .option(
      '--keep-alive-timeout <s>',
      `seconds an idle connection stays open; behind a load balancer, above its idle timeout (default ${seconds(DEFAULT_HOST_LIMITS.keepAliveTimeoutMs)})`,
      limitSeconds,
    )
    .option(
      '--max-concurrent <n>',
      `deliveries run at once (default ${DEFAULT_HOST_LIMITS.maxConcurrentRequests})`,
      positiveInt,
    )
    .option(
      '--max-queued <n>',
      `deliveries waiting for a turn; past it, 503 with Retry-After (default ${DEFAULT_HOST_LIMITS.maxQueuedRequests})`,
      positiveInt,
    )
    .option(
      '--max-connections <n>',
      `open connections (default ${DEFAULT_HOST_LIMITS.maxConnections})`,
      positiveInt,
    )
    .addHelpText(
      'after',
      examples([
        [
          `${WEBHOOK_KEY_VARIABLE}=... portal-invite plugins serve --port 7071`,
          'serve; then `webhooks register --host-url https://<public name>` pointing here',
        ],
        [
          `${WEBHOOK_KEY_VARIABLE}=... portal-invite plugins serve --register https://invites.contoso.com`,
          'serve and register in one go',
        ],
        ['npm run plugins -- --port 7071', 'the same command from a clone of this repository'],
      ]),
    )
    .action(
      action<PluginsServeOptions>(async (ctx, options) => {
        const key = webhookKey(options.key, ctx.env);
        const publicUrl =
          options.register === undefined ? undefined : checkHostUrl(options.register, '--register');
        const client = ctx.client;
        const host = await startWebhookHost({
          key,
          client,
          port: options.port,
          host: options.host,
          ...hostLimits(options),
          logger: {
            info: (m) => ctx.out.debug(m),
            error: (m, error) =>
              ctx.out.warn(error === undefined ? m : `${m}: ${redactText(errorMessage(error))}`),
          },
        }).catch((error: unknown) => {
          throw describeListenError(error, options.port, 'the webhook host');
        });
        const shutdown = onShutdown(ctx.out, [host]);
        try {
          if (publicUrl !== undefined) {
            if (options.check) await checkPublicUrl(ctx.out, publicUrl, key, host.url);
            else
              ctx.out.warn(
                `registering ${publicUrl} without checking that it reaches this host: until it does, every create of an invitation fails.`,
              );
            const result = await registerWebhooks(client, { hostUrl: publicUrl, key });
            for (const step of result.steps) ctx.out.info(`step ${step.action}: ${step.name}`);
          }
        } catch (error) {
          shutdown.cancel();
          await host.close();
          throw error;
        }
        ctx.out.data(
          { url: host.url, port: host.port, webhookUrl: host.webhookUrl, environment: client.url },
          () =>
            `Webhook host listening on ${host.url} for ${client.url}; register ${host.webhookUrl} (Ctrl+C to stop).`,
        );
        await shutdown.done;
      }),
    );
}

/**
 * Posts the test delivery `webhooks register` posts, to the public URL: Dataverse will call that
 * URL, not the address this host listens on, so a tunnel or proxy that does not reach it is found
 * before every create of an invitation fails.
 * @throws CliError when the URL does not answer 2xx; nothing has been registered then
 */
async function checkPublicUrl(out: Output, publicUrl: string, key: string, listening: string): Promise<void> {
  const probe = await probeWebhookHost(publicUrl, key);
  if (!probe.ok) {
    const failure = probeFailure(probe);
    throw new CliError(
      failure.message,
      `This host listens on ${listening}: make ${publicUrl} reach it (its public name, a reverse proxy or a tunnel) and use the same key, or pass --no-check to register anyway.`,
    );
  }
  out.info(`${probe.url} answered the test delivery (HTTP ${probe.status}).`);
  if (!probe.portalInviteHost)
    out.warn(`it answered, but not as this host does: is ${publicUrl} routed to another service?`);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
