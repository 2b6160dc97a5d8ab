/**
 * The Send Invitation workflow (and any classic workflow) through the Web API: find the
 * definition, activate / deactivate, run it on a record, patch its e-mail template, restore a backup.
 */
import type { DataverseApi } from '../client/api';
import { DataverseError } from '../client/errors';
import type { FilterObject } from '../client/index';
import type { WebApiRecord } from '../client/types';
import {
  executeWorkflowBody,
  executeWorkflowJobId,
  ExecuteWorkflowNames,
  MessageName,
} from '../entities/sdk-message';
import {
  SEND_INVITATION_WORKFLOW_NAME,
  toWorkflowRecord,
  WorkflowCategory,
  workflowSelect,
  WorkflowState,
  WorkflowTable,
  workflowToWebApi,
  WorkflowType,
  type WorkflowRecord,
} from '../entities/workflow';
import { WorkflowDefinitionError } from './errors';
import { findJournals } from './change-journal';
import { recoverChange, type RecoveredChange } from './recover-change';
import {
  patchTemplate,
  restoreBackup,
  type DefinitionWriter,
  type PatchResult,
  type PatchTemplateOptions,
} from './template-patch';
import type { TemplatePatch } from './xaml/patch-email-step';

/** Options for {@link WorkflowService}. */
export interface WorkflowServiceOptions {
  /** Clock for backup timestamps; default `() => new Date()`. */
  now?: () => Date;
}

const { entitySet, columns: c } = WorkflowTable;

/** Finds, switches, runs and patches workflow definitions (over a `DataverseClient` or any `DataverseApi`). */
export class WorkflowService {
  private readonly now: () => Date;

  constructor(
    private readonly client: DataverseApi,
    options: WorkflowServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The one classic workflow definition (type 1, category 0) with this name, xaml included.
   * Throws WorkflowDefinitionError listing what exists when there is none or more than one.
   */
  async findDefinition(name: string = SEND_INVITATION_WORKFLOW_NAME): Promise<WorkflowRecord> {
    const matches = await this.collect(
      { [c.name]: name, [c.type]: WorkflowType.Definition, [c.category]: WorkflowCategory.Workflow },
      true,
    );
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      throw new WorkflowDefinitionError(
        `${matches.length} workflow definitions are named "${name}": ${matches.map(describe).join('; ')}. Rename or delete the extra ones, or pass the id.`,
        matches,
      );
    }
    const sameName = await this.collect({ [c.name]: name }, false);
    const found = sameName.length
      ? ` Found with that name but not a classic workflow definition: ${sameName.map(describe).join('; ')}.`
      : ' No workflow of any kind has that name.';
    throw new WorkflowDefinitionError(
      `No classic workflow definition (type 1, category 0) is named "${name}".${found} Import the PortalInvitations solution or check the name.`,
      sameName,
    );
  }

  /** Activates a definition (state Activated, status Activated). */
  async activate(id: string): Promise<void> {
    await this.client.update(entitySet, id, workflowToWebApi({ state: WorkflowState.Activated }));
  }

  /** Puts a definition back to Draft (state and status Draft); required before editing its xaml. */
  async deactivate(id: string): Promise<void> {
    await this.client.update(entitySet, id, workflowToWebApi({ state: WorkflowState.Draft }));
  }

  /**
   * Runs an on-demand workflow on a record (ExecuteWorkflow); returns the system job (asyncoperation)
   * id. A DataverseError when the answer carries no job id.
   */
  async execute(workflowId: string, recordId: string): Promise<string> {
    const response = await this.client.callAction<WebApiRecord | undefined>(
      MessageName.ExecuteWorkflow,
      executeWorkflowBody(recordId),
      { boundTo: { entitySet, id: workflowId } },
    );
    const id = executeWorkflowJobId(response);
    if (id === undefined) {
      // The call succeeded (2xx) but its answer is not the documented ExecuteWorkflowResponse.
      throw new DataverseError(
        `${MessageName.ExecuteWorkflow} on workflow ${workflowId} answered without the system job id (${ExecuteWorkflowNames.responseId}).`,
        { status: 200 },
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
    return patchTemplate(this.writer(), definition, { ...options, patch, now: this.now });
  }

  /** Puts a definition back as a backup file recorded it (xaml and state). */
  async restore(backupFile: string, options: { onStep?: (step: string) => void } = {}): Promise<void> {
    await restoreBackup(this.writer(), backupFile, { onStep: options.onStep, now: this.now });
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

  private writer(): DefinitionWriter {
    return {
      environment: () => this.environment(),
      read: async (id: string) =>
        toWorkflowRecord(await this.client.retrieve(entitySet, id, { select: [...workflowSelect, c.xaml] })),
      writeXaml: async (id: string, xaml: string) => {
        await this.client.update(entitySet, id, workflowToWebApi({ xaml }));
      },
      activate: (id: string) => this.activate(id),
      deactivate: (id: string) => this.deactivate(id),
    };
  }

  private environmentOnce?: Promise<{ url: string; organizationId: string }>;

  /** This environment's URL and organization id (one WhoAmI, asked when first needed). */
  private environment(): Promise<{ url: string; organizationId: string }> {
    this.environmentOnce ??= this.client.whoAmI().then((who) => ({
      url: this.client.url,
      organizationId: String(who.OrganizationId).toLowerCase(),
    }));
    this.environmentOnce.catch(() => (this.environmentOnce = undefined));
    return this.environmentOnce;
  }

  private async collect(filter: FilterObject, withXaml: boolean): Promise<WorkflowRecord[]> {
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
