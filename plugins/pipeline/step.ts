/**
 * What a pipeline step is: where it is registered (message, table, stage, mode, rank, filtering
 * attributes) and the handler it runs, with the view of the execution the handler receives.
 */
import type { DataverseApi } from '../../sdk/client/api';
import type { StepMode as StepModeValue, StepStage as StepStageValue } from '../../sdk/entities/index';
import type { Entity, RemoteExecutionContext } from '../../sdk/webhooks/index';

/** PreValidation (10), PreOperation (20) or PostOperation (40): the `StepStage` option set of sdk/entities. */
export type StepStage = StepStageValue;

/** Synchronous (0, can refuse the operation) or asynchronous (1, after commit; PostOperation only). */
export type StepMode = StepModeValue;

/** What a handler sees of one execution. */
export interface PluginExecution {
  /** The full execution context, as Dataverse sent it (or as built in-process). */
  readonly context: RemoteExecutionContext;
  /** The step being run. */
  readonly step: StepRegistration;
  /** `InputParameters.Target` when it is a row (Create/Update). */
  readonly target: Entity | undefined;
  /**
   * True when changes a handler makes to {@link target} reach the operation: in-process at stages 10
   * and 20. Through a webhook Dataverse reads only the status code, so it is false there.
   */
  readonly targetWritable: boolean;
  /** Values shared by the steps of one run; the same object for every step of the run. */
  readonly sharedVariables: Record<string, unknown>;
  /** The client handlers use to read and write Dataverse. */
  readonly client: DataverseApi;
  /** A pre-image by name (default: the first one). */
  preImage(name?: string): Entity | undefined;
  /** A post-image by name (default: the first one). */
  postImage(name?: string): Entity | undefined;
}

/** A step's work. Throw `PluginError` to refuse the operation with a message for the user. */
export type PluginHandler = (execution: PluginExecution) => Promise<void>;

/** Where and how a step runs. */
export interface StepDefinition {
  /** Unique name; also the name of the sdkmessageprocessingstep registered for it. */
  name: string;
  /** Message, e.g. `Create`, `Update`. */
  message: string;
  /** Logical name of the table. */
  entity: string;
  stage: StepStage;
  mode: StepMode;
  /** Order within a stage: lower runs first; equal ranks keep registration order. Default 1. */
  rank?: number;
  /** Update only: run only when the Target contains one of these columns. Empty = any change. */
  filteringAttributes?: string[];
  /** Id of the handler in the handler catalogue, e.g. `invitation-create`. */
  handler: string;
  /** What the step does, for the registration's description. */
  description?: string;
}

/** A step with its handler resolved. */
export interface StepRegistration extends StepDefinition {
  /** The rank, defaulted to 1. */
  rank: number;
  /** The handler's code. */
  run: PluginHandler;
}
