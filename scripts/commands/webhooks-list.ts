/**
 * `portal-invite webhooks list` and `webhooks unregister`: what `webhooks register` put in the
 * environment (the service endpoint and the steps delivering to it), and removing it again.
 */
import type { Command } from 'commander';
import { DEFAULT_ENDPOINT_NAME } from '../../plugins/registration';
import {
  listWebhookRegistrations,
  unregisterWebhooks,
  type RegisteredEndpoint,
} from '../../plugins/registration-list';
import { action, examples } from '../command';
import { UsageError } from '../errors';
import { table } from '../output';

/** Options of `webhooks list` and `webhooks unregister`. */
export interface WebhooksListOptions {
  /** Service endpoint name. */
  name: string;
  /** unregister: confirm the deletion. */
  yes?: boolean;
}

function describeEndpoints(endpoints: RegisteredEndpoint[], name: string): string {
  if (endpoints.length === 0) return `No service endpoint named "${name}" is registered.\n`;
  return endpoints
    .map(
      (endpoint) =>
        `Service endpoint ${endpoint.name} (${endpoint.id}) → ${endpoint.url ?? '?'}\n` +
        (endpoint.steps.length === 0
          ? '  no steps\n'
          : table(
              ['STEP', 'ID', 'STAGE', 'MODE', 'STATE'],
              endpoint.steps.map((s) => [
                s.name,
                s.id,
                String(s.stage ?? ''),
                s.mode === 1 ? 'async' : 'sync',
                s.enabled ? 'enabled' : 'disabled',
              ]),
            )),
    )
    .join('\n');
}

/** Registers `webhooks list` and `webhooks unregister` under the `webhooks` group. */
export function registerWebhooksList(group: Command): void {
  group
    .command('list')
    .description("show this product's webhook endpoint and its steps in the environment")
    .option('--name <name>', 'service endpoint name', DEFAULT_ENDPOINT_NAME)
    .addHelpText('after', examples([['portal-invite webhooks list', 'what webhooks register created']]))
    .action(
      action<WebhooksListOptions>(async (ctx, options) => {
        const endpoints = await listWebhookRegistrations(ctx.client, options.name);
        ctx.out.data(endpoints, () => describeEndpoints(endpoints, options.name));
      }),
    );

  group
    .command('unregister')
    .description('delete the webhook steps and endpoint that webhooks register created (asks --yes)')
    .option('--name <name>', 'service endpoint name', DEFAULT_ENDPOINT_NAME)
    .option('--yes', 'really delete them')
    .addHelpText(
      'after',
      '\nWithout the steps, the invitation rules no longer run in Dataverse: use --handlers in-process on\n' +
        'the invite commands (or register again).\n' +
        examples([['portal-invite webhooks unregister --yes', 'remove the endpoint and its steps']]),
    )
    .action(
      action<WebhooksListOptions>(async (ctx, options) => {
        if (!options.yes) {
          const endpoints = await listWebhookRegistrations(ctx.client, options.name);
          const steps = endpoints.reduce((n, e) => n + e.steps.length, 0);
          throw new UsageError(
            `This deletes ${endpoints.length} service endpoint(s) named "${options.name}" and ${steps} step(s); nothing was deleted.`,
            'Run it again with --yes to delete them (see `portal-invite webhooks list`).',
          );
        }
        const removed = await unregisterWebhooks(ctx.client, options.name);
        ctx.out.data({ removed }, () =>
          removed.length === 0
            ? `No service endpoint named "${options.name}" was registered; nothing to delete.\n`
            : removed
                .map((e) => `Deleted service endpoint ${e.name} (${e.id}) and ${e.steps.length} step(s).`)
                .join('\n') + '\n',
        );
      }),
    );
}
