/**
 * The Dataverse webhook execution context: model and exact JSON codec. Lives in the SDK because both
 * the emulator (which posts it) and the plug-in host (which reads it) need it.
 */
export {
  EntityReference,
  OptionSetValue,
  Money,
  EntityCollection,
  OffsetDate,
  partyList,
  partiesOf,
  stringPairs,
  STRING_PAIR_TYPE,
} from './values';
export type { Entity, StringPair } from './values';
export { Stage, Mode, IsolationMode, ContextKeys, NO_SECONDARY_ENTITY, targetOf } from './context';
export type { RemoteExecutionContext } from './context';
export { parseRemoteExecutionContext, serializeRemoteExecutionContext } from './context-codec';
export { serializeValue, parseValue, serializeEntity, parseEntity, TypeNames, isEntity } from './value-codec';
export { formatWcfDate, parseWcfDate, isWcfDate } from './wcf-date';
export { ExecutionContextFormatError } from './errors';
export {
  selectSteps,
  stepApplies,
  passesFilteringAttributes,
  parseFilteringAttributes,
} from './step-selection';
export type { SelectableStep, StepEvent } from './step-selection';
