/**
 * The Send Invitation workflow (and any classic workflow) through the Web API: find the
 * definition, activate / deactivate, run it on a record, patch its e-mail template, restore a backup.
 */
import type { DataverseClient } from '../client/index';
import type { WebApiRecord } from '../client/types';
import { AsyncOperationTable } from '../entities/async-operation';
import { ExecuteWorkflowNames, MessageName } from '../entities/sdk-message';
import {
  toWorkflowRecord,
  workflowActivateBody,
  workflowDeactivateBody,
  WorkflowCategory,
  workflowSelect,
  WorkflowTable,
  WorkflowType,
  type WorkflowRecord,
} from '../entities/workflow';
import { WorkflowDefinitionError } from './errors';
import { findJournals } from './change-journal';
import { recoverChange, type RecoveredChange } from './recover-change';
import { patchTemplate, restoreBackup, type PatchResult, type PatchTemplateOptions } from './template-patch';
import type { TemplatePatch } from './xaml/patch-email-step';

/** The name the portal's invitation workflow has. */
export const SEND_INVITATION_WORKFLOW = 'Send Invitation';

/** Options for {@link WorkflowService}. */
export interface WorkflowServiceOptions {
  /** Clock for backup timestamps; default `() => new Date()`. */
  now?: () => Date;
}

const { entitySet, columns: c } = WorkflowTable;

/** Finds, switches, runs and patches workflow definitions. */
export class WorkflowService {
  private readonly now: () => Date;

  constructor(
    private readonly client: DataverseClient,
    options: WorkflowServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The one classic workflow definition (type 1, category 0) with this name, xaml included.
   * Throws WorkflowDefinitionError listing what exists when there is none or more than one.
   */
  async findDefinition(name: string = SEND_INVITATION_WORKFLOW): Promise<WorkflowRecord> {
    const quoted = `'${name.replace(/'/g, "''")}'`;
    const matches = await this.collect(
      `${c.name} eq ${quoted} and ${c.type} eq ${WorkflowType.Definition} and ${c.category} eq ${WorkflowCategory.Workflow}`,
      true,
    );
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      throw new WorkflowDefinitionError(
        `${matches.length} workflow definitions are named "${name}": ${matches.map(describe).join('; ')}. Rename or delete the extra ones, or pass the id.`,
        matches,
      );
    }
    const sameName = await this.collect(`${c.name} eq ${quoted}`, false);
    const found = sameName.length
      ? ` Found with that name but not a classic workflow definition: ${sameName.map(describe).join('; ')}.`
      : ' No workflow of any kind has that name.';
    throw new WorkflowDefinitionError(
      `No classic workflow definition (type 1, category 0) is named "${name}".${found} Import the PortalInvitations solution or check the name.`,
      sameName,
    );
  }

  /** Activates a definition (`statecode` 1, `statuscode` 2). */
  async activate(id: string): Promise<void> {
    await this.client.update(entitySet, id, workflowActivateBody());
  }

  /** Puts a definition back to Draft (`statecode` 0, `statuscode` 1); required before editing its xaml. */
  async deactivate(id: string): Promise<void> {
    await this.client.update(entitySet, id, workflowDeactivateBody());
  }

  /** Runs an on-demand workflow on a record (ExecuteWorkflow); returns the system job (asyncoperation) id. */
  async execute(workflowId: string, recordId: string): Promise<string> {
    const response = await this.client.callAction<WebApiRecord | undefined>(
      MessageName.ExecuteWorkflow,
      { [ExecuteWorkflowNames.entityId]: recordId },
      { boundTo: { entitySet, id: workflowId } },
    );
    const id = response?.[ExecuteWorkflowNames.responseId] ?? response?.[AsyncOperationTable.primaryId];
    if (typeof id !== 'string') {
      throw new Error(
        `${MessageName.ExecuteWorkflow} on workflow ${workflowId} answered without the system job id (${ExecuteWorkflowNames.responseId}).`,
      );
    }
    return id;
  }

  /**
   * Rewrites the e-mail step of the named definition: backup → deactivate (if Activated) → write
   * xaml → reactivate → verify; rolls back on failure (WorkflowPatchError). `dryRun` writes nothing.
   */
  async patchTemplate(
    name: string,
    patch: TemplatePatch,
    options: PatchTemplateOptions,
  ): Promise<PatchResult> {
    const definition = await this.findDefinition(name);
    return patchTemplate(this.writer(), definition, patch, options, this.now);
  }

  /** Puts a definition back as a backup file recorded it (xaml and state). */
  async restore(backupFile: string, options: { onStep?: (step: string) => void } = {}): Promise<void> {
    await restoreBackup(this.writer(), backupFile, options.onStep ?? (() => undefined), this.now);
  }

  /**
   * Finishes or rolls back every change that a patch or restore left half-done in `directory` (its
   * journals; see recover-change.ts), e.g. after the process was killed between deactivate and
   * activate. Returns what was done with each; an empty list when nothing was interrupted.
   * @throws WorkflowPatchError when a change cannot be recovered (its journal is kept)
   */
  async recoverInterrupted(
    directory: string,
    options: { onStep?: (step: string) => void } = {},
  ): Promise<RecoveredChange[]> {
    const recovered: RecoveredChange[] = [];
    for (const { file, journal } of await findJournals(directory)) {
      recovered.push(await recoverChange(this.writer(), file, journal, options.onStep));
    }
    return recovered;
  }

  private writer() {
    return {
      read: async (id: string) =>
        toWorkflowRecord(await this.client.retrieve(entitySet, id, { select: [...workflowSelect, c.xaml] })),
      writeXaml: async (id: string, xaml: string) => {
        await this.client.update(entitySet, id, { [c.xaml]: xaml });
      },
      activate: (id: string) => this.activate(id),
      deactivate: (id: string) => this.deactivate(id),
    };
  }

  private async collect(filter: string, withXaml: boolean): Promise<WorkflowRecord[]> {
    const rows: WorkflowRecord[] = [];
    const select = withXaml ? [...workflowSelect, c.xaml] : workflowSelect;
    for await (const row of this.client.list(entitySet, { select, filter, top: 50 }))
      rows.push(toWorkflowRecord(row));
    return rows;
  }
}

function describe(workflow: WorkflowRecord): string {
  return `${workflow.id} (type ${workflow.type}, category ${workflow.category ?? '?'}, state ${workflow.state})`;
}
