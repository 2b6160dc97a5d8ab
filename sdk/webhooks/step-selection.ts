/**
 * Which registered steps run for one event, decided the way Dataverse decides it: the message,
 * the table, the stage and the mode must match (a step registered without a table runs on every
 * table); an Update step with filtering attributes runs only when one of them is in the Target;
 * the steps run lowest rank first, registration order breaking ties. The plug-in pipeline
 * (plugins/pipeline) and the emulator's webhook dispatch both select their steps here.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/event-framework
 */
import { MessageName } from '../entities/sdk-message';

/** What selection reads of a registered step. */
export interface SelectableStep {
  /** Message it is registered on, e.g. `Create`. */
  readonly message: string;
  /** Logical name of the table; undefined for a step that runs on every table. */
  readonly entity?: string;
  /** 10 PreValidation, 20 PreOperation, 40 PostOperation. */
  readonly stage: number;
  /** 0 synchronous, 1 asynchronous. */
  readonly mode: number;
  /** Lower runs first. */
  readonly rank: number;
  /** Update only: run only when one of these columns is in the Target; empty = any change. */
  readonly filteringAttributes?: readonly string[];
}

/** One event of the pipeline, as selection sees it. */
export interface StepEvent {
  message: string;
  /** Logical name of the table the message is about. */
  entity: string;
  stage: number;
  mode: number;
  /** Update: the columns in the Target. Undefined when not known: no step is filtered out. */
  changed?: readonly string[];
}

/** The column names of a `filteringattributes` value (comma-separated), in lower case. */
export function parseFilteringAttributes(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((column) => column.trim().toLowerCase())
    .filter((column) => column !== '');
}

/**
 * Whether a step's filtering attributes let it run: always, except for an Update step with
 * filtering attributes none of which is among the changed columns (compared case-insensitively,
 * as logical names are lower case in Dataverse).
 */
export function passesFilteringAttributes(
  step: Pick<SelectableStep, 'filteringAttributes'>,
  message: string,
  changed: readonly string[] | undefined,
): boolean {
  const wanted = step.filteringAttributes ?? [];
  if (message !== MessageName.Update || wanted.length === 0 || changed === undefined) return true;
  const present = new Set(changed.map((column) => column.toLowerCase()));
  return wanted.some((column) => present.has(column.toLowerCase()));
}

/** Whether a step is registered for this event (message, table, stage, mode, filtering attributes). */
export function stepApplies(step: SelectableStep, event: StepEvent): boolean {
  return (
    step.message === event.message &&
    (step.entity === undefined || step.entity === event.entity) &&
    step.stage === event.stage &&
    step.mode === event.mode &&
    passesFilteringAttributes(step, event.message, event.changed)
  );
}

/** The steps that run for this event, lowest rank first; equal ranks keep the order given. */
export function selectSteps<S extends SelectableStep>(steps: readonly S[], event: StepEvent): S[] {
  return steps
    .map((step, order) => ({ step, order }))
    .filter(({ step }) => stepApplies(step, event))
    .sort((a, b) => a.step.rank - b.step.rank || a.order - b.order)
    .map(({ step }) => step);
}
