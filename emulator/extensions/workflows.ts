/**
 * ExecuteWorkflow: runs an activated on-demand classic workflow on one row by interpreting its
 * definition (sdk/workflows/xaml) and writing the effects through the core, recorded as a job.
 */
import {
  ExecuteWorkflowNames,
  MessageName,
  WorkflowState,
  WorkflowTable,
  WorkflowType,
} from '../../sdk/entities/index';
import type { RecordLoader, WorkflowEffect } from '../../sdk/workflows/xaml/evaluate';
import type { ActionHandler, ActionRequest, EmulatorOperations } from '../contracts';
import { DataverseFault, ErrorCodes, notFound } from '../errors';
import { completeAsyncOperation, startAsyncOperation } from './async-operations';
import { AsyncOperationType } from '../../sdk/entities/index';
import { isGuid } from '../validation';
import { applyEffects, planEffects } from './workflow-effects';

/** The XAML interpreter's signature (`evaluateWorkflow` from sdk/workflows/xaml). */
export type WorkflowEvaluator = (
  xaml: string,
  primary: { logicalName: string; id: string },
  loader: RecordLoader,
) => WorkflowEffect[];

/** Options for {@link createWorkflowActions}. */
export interface WorkflowActionsOptions {
  /** Interprets a workflow definition into effects. */
  evaluate: WorkflowEvaluator;
  /** Clock for the job's started/completed times; default `new Date()`. */
  now?: () => Date;
}

const wf = WorkflowTable.columns;

function loadRunnableWorkflow(ops: EmulatorOperations, request: ActionRequest) {
  const workflowId =
    request.boundTo?.entityName === WorkflowTable.logicalName ? request.boundTo.id : undefined;
  if (!workflowId) {
    throw new DataverseFault(
      400,
      ErrorCodes.InvalidArgument,
      `${MessageName.ExecuteWorkflow} is bound to a workflow: POST ${WorkflowTable.entitySet}(<${WorkflowTable.primaryId}>)/Microsoft.Dynamics.CRM.${MessageName.ExecuteWorkflow}.`,
    );
  }
  const workflow = ops.retrieve(WorkflowTable.logicalName, workflowId);
  if (!workflow) throw notFound(WorkflowTable.logicalName, workflowId);
  const v = workflow.values;
  const [name, type, state, primaryEntity, xaml] = [
    v[wf.name],
    v[wf.type],
    v[wf.state],
    v[wf.primaryEntity],
    v[wf.xaml],
  ];
  if (type !== WorkflowType.Definition) {
    throw new DataverseFault(
      400,
      ErrorCodes.WorkflowNotRunnable,
      `Workflow '${String(name)}' (${workflowId}) is not a definition (type ${String(type)}). Run the definition (type 1) instead.`,
    );
  }
  if (state !== WorkflowState.Activated) {
    throw new DataverseFault(
      400,
      ErrorCodes.WorkflowNotRunnable,
      `Workflow '${String(name)}' (${workflowId}) is not activated. Activate it (statecode 1, statuscode 2) and try again.`,
    );
  }
  if (typeof primaryEntity !== 'string' || typeof xaml !== 'string') {
    throw new DataverseFault(
      400,
      ErrorCodes.WorkflowNotRunnable,
      `Workflow '${String(name)}' (${workflowId}) has no primary table or no definition (xaml). Import it again.`,
    );
  }
  return { id: workflowId, name: String(name), primaryEntity, xaml };
}

/**
 * `ExecuteWorkflow`: runs an activated on-demand workflow on one record.
 *
 * Dataverse queues the system job and answers at once; the emulator runs the job inside the request
 * so a caller (or test) can read the e-mail right after the answer. The job row still goes
 * through In Progress to Succeeded or Failed, as a client polling it would see.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/executeworkflow
 */
export function executeWorkflowAction(options: WorkflowActionsOptions): ActionHandler {
  const now = options.now ?? (() => new Date());
  return async (request, ops) => {
    const workflow = loadRunnableWorkflow(ops, request);
    const entityId = request.body[ExecuteWorkflowNames.entityId];
    if (!isGuid(entityId)) {
      throw new DataverseFault(
        400,
        ErrorCodes.InvalidArgument,
        `${MessageName.ExecuteWorkflow} needs {"${ExecuteWorkflowNames.entityId}": "<id of the record to run the workflow on>"}.`,
      );
    }
    const record = ops.retrieve(workflow.primaryEntity, entityId);
    if (!record) throw notFound(workflow.primaryEntity, entityId);
    const primary = { logicalName: workflow.primaryEntity, id: record.id };
    // One transaction for the job row, its effects and its outcome: an emulator killed mid-run
    // leaves either no job and no e-mail, or both, never a job stuck In Progress.
    const jobId = await ops.transaction(async () => {
      const id = await startAsyncOperation(
        ops,
        request.context,
        {
          name: workflow.name,
          operationType: AsyncOperationType.Workflow,
          regarding: primary,
          workflowId: workflow.id,
        },
        now,
      );
      const runContext = { ...request.context, depth: request.context.depth + 1 };
      try {
        const effects = options.evaluate(workflow.xaml, primary, {
          get: (logicalName, recordId) => ops.retrieve(logicalName, recordId)?.values,
        });
        const planned = planEffects(ops, effects);
        await ops.transaction(() => applyEffects(ops, planned, runContext));
        await completeAsyncOperation(ops, request.context, id, { succeeded: true }, now);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await completeAsyncOperation(ops, request.context, id, { succeeded: false, message }, now);
      }
      return id;
    });
    return {
      body: {
        '@odata.context': `${request.baseUrl}$metadata#Microsoft.Dynamics.CRM.${MessageName.ExecuteWorkflow}Response`,
        [ExecuteWorkflowNames.responseId]: jobId,
      },
    };
  };
}

/** The workflow actions by name, for `EmulatorExtensions.actions`. */
export function createWorkflowActions(options: WorkflowActionsOptions): Record<string, ActionHandler> {
  return { [MessageName.ExecuteWorkflow]: executeWorkflowAction(options) };
}
