/**
 * System jobs: the asyncoperation rows the other extensions record for work Dataverse runs in the
 * background (an asynchronous step, ExecuteWorkflow, ImportSolutionAsync), In Progress while it
 * runs and Succeeded or Failed, with the reason, when it ends.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/asynchronous-service
 */
import {
  AsyncOperationState,
  AsyncOperationStatus,
  AsyncOperationTable,
  SdkMessageProcessingStepTable,
  StandardColumns,
  WorkflowTable,
} from '../../sdk/entities/index';
import type { EmulatorOperations, LookupValue, OperationContext } from '../contracts';
import { columnOf, tableByLogicalName } from '../metadata/index';

const job = AsyncOperationTable.columns;
const jobLookups = AsyncOperationTable.lookups;
/** The polymorphic regardingobjectid column, which every `regarding…` lookup of the table shares. */
const regarding = jobLookups.regardingInvitation.column;

/** What a new system job (asyncoperation row) is about. */
export interface AsyncOperationInput {
  /** Shown as the job's name, e.g. the workflow or step name. */
  name: string;
  /** `AsyncOperationType` value. */
  operationType: number;
  /** The record the job works on. */
  regarding?: LookupValue;
  /** The workflow that runs (ExecuteWorkflow). */
  workflowId?: string;
  /** The step whose webhook is delivered (async steps). */
  stepId?: string;
}

/** The outcome written when a job ends. */
export type AsyncOperationOutcome = { succeeded: true } | { succeeded: false; message: string };

/**
 * Keeps the columns (and lookup targets) the core's asyncoperation table has, so the job row is
 * written even where the emulator models only part of Dataverse's table.
 */
function supported(values: Record<string, unknown>): Record<string, unknown> {
  const table = tableByLogicalName(AsyncOperationTable.logicalName);
  if (!table) return values;
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const column = columnOf(table, name);
    if (!column) continue;
    const target = (value as { logicalName?: unknown } | null)?.logicalName;
    if (column.targets && typeof target === 'string' && !column.targets.includes(target)) continue;
    if (column.options && typeof value === 'number' && column.options[value] === undefined) continue;
    result[name] = value;
  }
  return result;
}

/**
 * Context for the emulator's own bookkeeping writes: they run as the caller but skip pipeline
 * steps, as Dataverse's system jobs are not messages a registered step would see.
 */
export function systemContext(ctx: OperationContext): OperationContext {
  return { ...ctx, bypassCustomLogic: true };
}

/** Creates the asyncoperation row In Progress and returns its id. */
export async function startAsyncOperation(
  ops: EmulatorOperations,
  ctx: OperationContext,
  input: AsyncOperationInput,
  now: () => Date = () => new Date(),
): Promise<string> {
  const values: Record<string, unknown> = {
    [job.name]: input.name,
    [job.operationType]: input.operationType,
    [StandardColumns.state]: AsyncOperationState.Locked,
    [StandardColumns.status]: AsyncOperationStatus.InProgress,
    [job.startedOn]: now().toISOString(),
    [job.correlationId]: ctx.correlationId,
  };
  if (input.regarding) {
    values[regarding] = input.regarding;
    values[job.primaryEntityType] = input.regarding.logicalName;
  }
  if (input.workflowId)
    values[jobLookups.workflowActivation.column] = {
      logicalName: WorkflowTable.logicalName,
      id: input.workflowId,
    };
  if (input.stepId) {
    values[jobLookups.owningExtension.column] = {
      logicalName: SdkMessageProcessingStepTable.logicalName,
      id: input.stepId,
    };
  }
  const row = await ops.create(AsyncOperationTable.logicalName, supported(values), systemContext(ctx));
  return row.id;
}

/** Marks the job Completed: Succeeded, or Failed with the message that explains why. */
export async function completeAsyncOperation(
  ops: EmulatorOperations,
  ctx: OperationContext,
  id: string,
  outcome: AsyncOperationOutcome,
  now: () => Date = () => new Date(),
): Promise<void> {
  await ops.update(
    AsyncOperationTable.logicalName,
    id,
    supported({
      [StandardColumns.state]: AsyncOperationState.Completed,
      [StandardColumns.status]: outcome.succeeded
        ? AsyncOperationStatus.Succeeded
        : AsyncOperationStatus.Failed,
      [job.message]: outcome.succeeded ? null : outcome.message,
      [job.friendlyMessage]: outcome.succeeded ? null : outcome.message,
      [job.completedOn]: now().toISOString(),
    }),
    systemContext(ctx),
  );
}
