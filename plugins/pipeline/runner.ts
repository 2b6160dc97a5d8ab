/**
 * Runs the steps of one event the way the Dataverse pipeline does: in rank order, refusing
 * operations nested deeper than 8 (a loop), with shared variables passed from step to step.
 */
import type { DataverseApi } from '../../sdk/client/api';
import { StepStage } from '../../sdk/entities/index';
import { targetOf, type Entity, type RemoteExecutionContext } from '../../sdk/webhooks/index';
import { PipelineLoopError } from './plugin-error';
import type { PluginExecution, StepRegistration } from './step';
import type { StepRegistry } from './step-registry';

/** Dataverse's limit: deeper nesting is treated as an infinite loop. */
export const MAX_DEPTH = 8;

/** Options for {@link PipelineRunner}. */
export interface PipelineRunnerOptions {
  /** The client handed to handlers. */
  client: DataverseApi;
  /** Deepest allowed `Depth`; default {@link MAX_DEPTH}. */
  maxDepth?: number;
  /**
   * Whether handlers' changes to the Target reach the operation (in-process: yes, the default;
   * a webhook host: no — Dataverse reads only the status code).
   */
  targetWritable?: boolean;
}

/** Options for one {@link PipelineRunner.run}. */
export interface RunOptions {
  /**
   * Run only this step (by name) — a webhook call is made for one registered step. A name that is
   * unknown, or declared for another message or table, falls back to every step matching the event.
   */
  stepName?: string | null;
}

/** What one run did. */
export interface RunResult {
  /** Names of the steps run, in order. */
  executed: string[];
  /** The Target after the steps (changed in place when writable). */
  target: Entity | undefined;
  /** The shared variables after the steps, to pass to the next stage of the same operation. */
  sharedVariables: Record<string, unknown>;
}

/** Runs registered steps for execution contexts. */
export class PipelineRunner {
  private readonly maxDepth: number;

  constructor(
    private readonly registry: StepRegistry,
    private readonly options: PipelineRunnerOptions,
  ) {
    this.maxDepth = options.maxDepth ?? MAX_DEPTH;
  }

  /** The steps that {@link run} would run for this context. */
  stepsFor(context: RemoteExecutionContext, options: RunOptions = {}): StepRegistration[] {
    const named = options.stepName ? this.registry.get(options.stepName) : undefined;
    // Trust the name only for the event it was declared for; a step registered elsewhere falls back to matching.
    if (named && named.message === context.messageName && named.entity === context.primaryEntityName)
      return [named];
    const target = targetOf(context);
    return this.registry.select({
      message: context.messageName,
      entity: context.primaryEntityName,
      stage: context.stage,
      mode: context.mode,
      changed: target ? Object.keys(target.attributes) : undefined,
    });
  }

  /**
   * Runs the matching steps one after another; the first error stops the run and is rethrown
   * (a `PluginError` carries the message for the user).
   * @throws PipelineLoopError when `Depth` is above the limit; no step runs.
   */
  async run(context: RemoteExecutionContext, options: RunOptions = {}): Promise<RunResult> {
    if (context.depth > this.maxDepth) throw new PipelineLoopError(context.depth, this.maxDepth);
    const steps = this.stepsFor(context, options);
    const target = targetOf(context);
    const sharedVariables = context.sharedVariables;
    const writable = (this.options.targetWritable ?? true) && context.stage !== StepStage.PostOperation;
    const executed: string[] = [];
    for (const step of steps) {
      const execution: PluginExecution = {
        context,
        step,
        target,
        targetWritable: writable,
        sharedVariables,
        client: this.options.client,
        preImage: (name) => image(context.preEntityImages, name),
        postImage: (name) => image(context.postEntityImages, name),
      };
      await step.run(execution);
      executed.push(step.name);
    }
    return { executed, target, sharedVariables };
  }
}

function image(images: Record<string, Entity>, name?: string): Entity | undefined {
  return name === undefined ? Object.values(images)[0] : images[name];
}
