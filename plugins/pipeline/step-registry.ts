/**
 * The steps known to a pipeline, looked up the way Dataverse selects them: by message, table,
 * stage and mode, in rank order, and for Update only when a filtering attribute changed.
 */
import { MessageName, StepMode, StepStage } from '../../sdk/entities/index';
import { InvalidArgumentError } from '../../sdk/errors';
import { selectSteps, type StepEvent } from '../../sdk/webhooks/index';
import type { PluginHandler, StepDefinition, StepRegistration } from './step';

const STAGES: readonly number[] = [StepStage.PreValidation, StepStage.PreOperation, StepStage.PostOperation];
const MODES: readonly number[] = [StepMode.Synchronous, StepMode.Asynchronous];

/** Steps by name, with their handlers. */
export class StepRegistry {
  private readonly steps: StepRegistration[] = [];

  /**
   * Adds a step. Rejects what Dataverse rejects: an unknown stage or mode, an asynchronous step
   * outside PostOperation, filtering attributes on a message other than Update, a duplicate name.
   */
  register(definition: StepDefinition, run: PluginHandler): StepRegistration {
    const where = `Step "${definition.name}"`;
    if (!definition.name)
      throw new InvalidArgumentError(
        'name',
        'A step needs a name; it identifies its registration in Dataverse.',
      );
    if (this.steps.some((s) => s.name === definition.name)) {
      throw new InvalidArgumentError('name', `${where} is registered twice; step names must be unique.`);
    }
    if (!STAGES.includes(definition.stage)) {
      throw new InvalidArgumentError(
        'stage',
        `${where} has stage ${definition.stage}; use ${StepStage.PreValidation} (PreValidation), ${StepStage.PreOperation} (PreOperation) or ${StepStage.PostOperation} (PostOperation).`,
      );
    }
    if (!MODES.includes(definition.mode)) {
      throw new InvalidArgumentError(
        'mode',
        `${where} has mode ${String(definition.mode)}; use ${StepMode.Synchronous} (synchronous) or ${StepMode.Asynchronous} (asynchronous).`,
      );
    }
    if (definition.mode === StepMode.Asynchronous && definition.stage !== StepStage.PostOperation) {
      throw new InvalidArgumentError(
        'mode',
        `${where} is asynchronous at stage ${definition.stage}; asynchronous steps run only at PostOperation (${StepStage.PostOperation}).`,
      );
    }
    if (definition.filteringAttributes?.length && definition.message !== MessageName.Update) {
      throw new InvalidArgumentError(
        'filteringAttributes',
        `${where} has filtering attributes on ${definition.message}; they apply to Update only.`,
      );
    }
    const registration: StepRegistration = { ...definition, rank: definition.rank ?? 1, run };
    this.steps.push(registration);
    return registration;
  }

  /** Every step, in registration order. */
  all(): readonly StepRegistration[] {
    return this.steps;
  }

  /** A step by name. */
  get(name: string): StepRegistration | undefined {
    return this.steps.find((s) => s.name === name);
  }

  /**
   * The steps to run for one event, lowest rank first (registration order breaks ties), chosen
   * as Dataverse chooses them (sdk/webhooks/step-selection).
   * @param event.changed - for Update: the columns in the Target, checked against filtering attributes.
   */
  select(event: StepEvent): StepRegistration[] {
    return selectSteps(this.steps, event);
  }
}
