/**
 * Where the invitation rules (code generation, validation, redemption effects) run: the
 * `--handlers server|in-process` option of the invite commands, and the choice made when it is not
 * given: by the server step if the environment has it, otherwise here (in-process), said on
 * stderr, so a missing registration never silently skips a redemption's account, roles and workflow.
 */
import { Option } from 'commander';
import { declaredSteps } from '../plugins/handlers/index';
import type { DataverseClient } from '../sdk/client/index';
import type { WebApiRecord } from '../sdk/client/types';
import { SdkMessageProcessingStepTable, StepState } from '../sdk/entities/index';
import { quote } from '../sdk/invitations/odata';
import { CliError } from './errors';

/** Where the invitation rules run. */
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

/** The handler id of the server step that applies a redemption (solution/webhook-steps.json). */
export const REDEEM_HANDLER_ID = 'invitation-redeem';

/** The name of the step applying redemptions, as registered by `webhooks register`. */
export function redeemStepName(): string {
  const step = declaredSteps().find((s) => s.handler === REDEEM_HANDLER_ID);
  if (!step) {
    throw new CliError(
      `solution/webhook-steps.json declares no "${REDEEM_HANDLER_ID}" step.`,
      'Reinstall the package: its solution/webhook-steps.json is incomplete.',
    );
  }
  return step.name;
}

/** True when an enabled step with this name is registered (one GET). */
export async function isStepRegistered(client: DataverseClient, name: string): Promise<boolean> {
  const t = SdkMessageProcessingStepTable;
  for await (const row of client.list<WebApiRecord>(t.entitySet, {
    select: [t.columns.id, t.columns.state],
    filter: `${t.columns.name} eq ${quote(name)}`,
  })) {
    if (Number(row[t.columns.state] ?? StepState.Enabled) === StepState.Enabled) return true;
  }
  return false;
}

/**
 * The handlers mode to redeem with: `given` when the user chose one; otherwise 'server' if the
 * redeem step is registered and enabled, else 'in-process' with a note on stderr. If the step
 * cannot be read (e.g. no privilege on sdkmessageprocessingstep), 'server' with a warning.
 */
export async function chooseHandlers(
  client: DataverseClient,
  given: HandlersMode | undefined,
  warn: (message: string) => void,
): Promise<HandlersMode> {
  if (given) return given;
  const name = redeemStepName();
  try {
    if (await isStepRegistered(client, name)) return 'server';
  } catch (error) {
    warn(
      `could not check whether the server step "${name}" is registered (${error instanceof Error ? error.message : String(error)}); assuming it is. Pass --handlers in-process to apply the account, web roles and workflow from this command.`,
    );
    return 'server';
  }
  warn(
    `no enabled server step "${name}" is registered in this environment, so the invitation's account, web roles and workflow are applied in-process by this command (register it with "portal-invite webhooks register", or pass --handlers to choose).`,
  );
  return 'in-process';
}
