/** Errors of the workflow service. XAML problems are `XamlError` (sdk/workflows/xaml/errors). */
import type { WorkflowRecord } from '../entities/workflow';
import { ErrorKind, PortalInvitationsError } from '../errors';

/** Raised when the named definition is missing or ambiguous; `candidates` lists what was found. */
export class WorkflowDefinitionError extends PortalInvitationsError {
  constructor(
    message: string,
    readonly candidates: WorkflowRecord[] = [],
  ) {
    super(ErrorKind.WorkflowDefinition, message);
  }
}

/** Raised when a template patch or restore fails after something was written. */
export class WorkflowPatchError extends PortalInvitationsError {
  /** The backup of the definition taken before the first write, if one was written. */
  readonly backupFile?: string;
  /** True when the definition's XAML and state were verified to be back as they were. */
  readonly rolledBack: boolean;
  /** The step that failed (e.g. `update xaml`). */
  readonly step: string;

  constructor(
    message: string,
    details: { step: string; rolledBack: boolean; backupFile?: string; cause?: unknown },
  ) {
    super(ErrorKind.WorkflowPatch, message, { cause: details.cause });
    this.step = details.step;
    this.rolledBack = details.rolledBack;
    this.backupFile = details.backupFile;
  }
}
