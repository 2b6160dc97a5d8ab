/** `portal-invite plugins serve`: run the webhook host that executes the invitation handlers. */
import type { Command } from 'commander';
import { startWebhookHost } from '../../plugins/host/server';
import { action, examples, port } from '../command';
import { UsageError } from '../errors';
import { describeListenError } from '../listen-error';
import { onShutdown } from '../serve';

/** Options of `plugins serve`. */
export interface PluginsServeOptions {
  /** Port; default 7071. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** WebhookKey requests must carry. */
  key?: string;
}

/** Registers `plugins serve` under the `plugins` group. */
export function registerPluginsServe(group: Command): void {
  group
    .command('serve')
    .description('run the webhook host (invitation create/redeem handlers) until Ctrl+C')
    .option('--port <port>', 'port to listen on (0 = any free port)', port, 7071)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--key <secret>', 'WebhookKey callers must send (default: $PORTAL_INVITE_WEBHOOK_KEY)')
    .addHelpText(
      'after',
      examples([
        [
          'PORTAL_INVITE_WEBHOOK_KEY=... portal-invite plugins serve --port 7071',
          'serve; then `webhooks register --host-url https://<public name>` pointing here',
        ],
      ]),
    )
    .action(
      action<PluginsServeOptions>(async (ctx, options) => {
        const key = options.key ?? ctx.env.PORTAL_INVITE_WEBHOOK_KEY;
        if (!key) {
          throw new UsageError(
            'The webhook key is missing.',
            'Pass --key <secret> or set PORTAL_INVITE_WEBHOOK_KEY.',
          );
        }
        const host = await startWebhookHost({
          key,
          client: ctx.client,
          port: options.port,
          host: options.host,
          logger: { info: (m) => ctx.out.debug(m), error: (m) => ctx.out.warn(m) },
        }).catch((error: unknown) => {
          throw describeListenError(error, options.port, 'the webhook host');
        });
        const shutdown = onShutdown(ctx.out, [host]);
        ctx.out.data(
          { url: host.url, port: host.port, webhookUrl: host.webhookUrl },
          () => `Webhook host listening on ${host.url}; register ${host.webhookUrl} (Ctrl+C to stop).`,
        );
        await shutdown.done;
      }),
    );
}
