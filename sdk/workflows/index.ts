/** Workflow definitions: find, switch, run, read and patch the e-mail template, interpret for the emulator. */
export { WorkflowService, type WorkflowServiceOptions } from './workflow-service';
export type { PatchResult, PatchTemplateOptions, DefinitionWriter } from './template-patch';
export { WorkflowDefinitionError, WorkflowPatchError } from './errors';
export { readBackup, writeBackup, type WorkflowBackup } from './backup-file';
export { findJournals, journalFileFor, type ChangeJournal } from './change-journal';
export type { RecoveredChange } from './recover-change';
export * from './xaml/index';
