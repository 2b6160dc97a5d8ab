/**
 * The handler catalogue: handler ids (as named in solution/webhook-steps.json) to their code, and
 * the registry of the declared steps.
 */
import webhookSteps from '../../solution/webhook-steps.json';
import { ConfigurationError } from '../../sdk/errors';
import type { PluginHandler, StepDefinition } from '../pipeline/step';
import { StepRegistry } from '../pipeline/step-registry';
import { invitationCreate } from './invitation-create';
import { invitationCreateCode } from './invitation-create-code';
import { invitationRedeem } from './invitation-redeem';

export { createInvitationCreateHandler, draftFromTarget, invitationCreate } from './invitation-create';
export type { InvitationCreateOptions } from './invitation-create';
export { createInvitationCodeHandler, invitationCreateCode } from './invitation-create-code';
export { invitationRedeem, REDEMPTION_RESULT_VARIABLE } from './invitation-redeem';

/** Every handler by id. */
export const HANDLERS: Readonly<Record<string, PluginHandler>> = {
  'invitation-create': invitationCreate,
  'invitation-create-code': invitationCreateCode,
  'invitation-redeem': invitationRedeem,
};

/** The steps declared in solution/webhook-steps.json. */
export function declaredSteps(): StepDefinition[] {
  return (webhookSteps as { steps: StepDefinition[] }).steps.map((step) => ({ ...step }));
}

/**
 * A registry holding every declared step with its handler.
 * @param handlers - override handlers by id (tests inject clocks this way).
 * @throws ConfigurationError when a step names a handler that does not exist.
 */
export function createStepRegistry(
  handlers: Readonly<Record<string, PluginHandler>> = HANDLERS,
): StepRegistry {
  const registry = new StepRegistry();
  for (const step of declaredSteps()) {
    const run = handlers[step.handler] ?? HANDLERS[step.handler];
    if (!run) {
      throw new ConfigurationError(
        `Step "${step.name}" names handler "${step.handler}", which does not exist; use one of ${Object.keys(HANDLERS).join(', ')}.`,
      );
    }
    registry.register(step, run);
  }
  return registry;
}
