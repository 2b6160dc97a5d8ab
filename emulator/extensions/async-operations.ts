import type { EmulatorOperations, LookupValue, OperationContext } from '../contracts';
import { columnOf, tableByLogicalName } from '../metadata/index';
import { AsyncOperationState, AsyncOperationStatus } from '../../sdk/entities/index';

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
  const table = tableByLogicalName('asyncoperation');
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
    name: input.name,
    operationtype: input.operationType,
    statecode: AsyncOperationState.Locked,
    statuscode: AsyncOperationStatus.InProgress,
    startedon: now().toISOString(),
    correlationid: ctx.correlationId,
    requestid: ctx.requestId,
    depth: ctx.depth,
  };
  if (input.regarding) {
    values.regardingobjectid = input.regarding;
    values.primaryentitytype = input.regarding.logicalName;
  }
  if (input.workflowId) values.workflowactivationid = { logicalName: 'workflow', id: input.workflowId };
  if (input.stepId) values.owningextensionid = { logicalName: 'sdkmessageprocessingstep', id: input.stepId };
  const row = await ops.create('asyncoperation', supported(values), systemContext(ctx));
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
    'asyncoperation',
    id,
    supported({
      statecode: AsyncOperationState.Completed,
      statuscode: outcome.succeeded ? AsyncOperationStatus.Succeeded : AsyncOperationStatus.Failed,
      message: outcome.succeeded ? null : outcome.message,
      friendlymessage: outcome.succeeded ? null : outcome.message,
      completedon: now().toISOString(),
    }),
    systemContext(ctx),
  );
}
