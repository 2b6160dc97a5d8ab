/** The plug-in pipeline: steps, their registry and the runner. */
export { PluginError, PipelineLoopError } from './plugin-error';
export type {
  PluginExecution,
  PluginHandler,
  StepDefinition,
  StepRegistration,
  StepStage,
  StepMode,
} from './step';
export { StepRegistry } from './step-registry';
export {
  PipelineRunner,
  MAX_DEPTH,
  type PipelineRunnerOptions,
  type RunOptions,
  type RunResult,
} from './runner';
export { buildContext, type BuildContextOptions } from './build-context';
