/** Options shared by the invitation commands. */
import { Option } from 'commander';

/** Where the invitation rules (code generation, validation, redemption effects) run. */
export type HandlersMode = 'server' | 'in-process';

/**
 * `--handlers server|in-process`: `server` when the webhook steps are registered in the environment
 * (see `webhooks register`), `in-process` to apply the rules from this command instead.
 */
export function handlersOption(): Option {
  return new Option(
    '--handlers <mode>',
    'where the invitation rules run: "server" (registered webhooks) or "in-process" (this command)',
  ).choices(['server', 'in-process']);
}
