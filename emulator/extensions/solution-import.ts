/**
 * What ImportSolution writes: the publisher, solution and component rows, then each workflow of
 * the package, created or (with OverwriteUnmanagedCustomizations) updated, and activated again
 * where it was active or where PublishWorkflows asks.
 */
import { StandardColumns, WorkflowState, WorkflowStatus, WorkflowTable } from '../../sdk/entities/index';
import type { EmulatorOperations, OperationContext } from '../contracts';
import { SolutionFileError, type SolutionPackage, type WorkflowDefinition } from '../../sdk/solutions/index';
import { recordSolution } from '../solution-records';

/** Which rows an import wrote. */
export interface ImportSummary {
  solutionId: string;
  workflows: { id: string; name: string; action: 'created' | 'updated' | 'kept' }[];
}

const WORKFLOW = WorkflowTable.logicalName;
const wf = WorkflowTable.columns;

function workflowValues(definition: WorkflowDefinition, xaml: string): Record<string, unknown> {
  return {
    [wf.name]: definition.name,
    [wf.primaryEntity]: definition.primaryEntity,
    [wf.xaml]: xaml,
    [wf.type]: definition.type,
    [wf.category]: definition.category,
    [wf.mode]: definition.mode,
    [wf.scope]: definition.scope,
    [wf.onDemand]: definition.onDemand,
    [wf.subprocess]: definition.subprocess,
    [wf.triggerOnCreate]: definition.triggerOnCreate,
    [wf.triggerOnDelete]: definition.triggerOnDelete,
    [wf.description]: definition.description || null,
  };
}

const state = (values: Record<string, unknown> | undefined) => values?.[StandardColumns.state];
const draft = {
  [StandardColumns.state]: WorkflowState.Draft,
  [StandardColumns.status]: WorkflowStatus.Draft,
};
const activated = {
  [StandardColumns.state]: WorkflowState.Activated,
  [StandardColumns.status]: WorkflowStatus.Activated,
};

/**
 * Writes the publisher, solution and solutioncomponent rows, then the workflows. An activated
 * definition is deactivated while it changes and activated again after; PublishWorkflows
 * activates every imported workflow.
 */
export async function importPackage(
  ops: EmulatorOperations,
  ctx: OperationContext,
  pkg: SolutionPackage,
  options: { overwrite: boolean; publish: boolean },
): Promise<ImportSummary> {
  const { manifest } = pkg;
  const componentIds = [
    ...manifest.workflowIds,
    ...pkg.workflows.map((w) => w.definition.id),
    ...(pkg.xamlOnly ?? []).map((x) => x.id),
  ];
  const solutionId = await recordSolution(ops, ctx, manifest, componentIds);
  const summary: ImportSummary = { solutionId, workflows: [] };
  for (const { definition, xaml } of pkg.workflows) {
    const existing = ops.retrieve(WORKFLOW, definition.id);
    const wasActive = state(existing?.values) === WorkflowState.Activated;
    let action: 'created' | 'updated' | 'kept';
    if (!existing) {
      await ops.create(WORKFLOW, { ...workflowValues(definition, xaml), ...draft }, ctx, definition.id);
      action = 'created';
    } else if (options.overwrite) {
      if (wasActive) await ops.update(WORKFLOW, definition.id, draft, ctx);
      await ops.update(WORKFLOW, definition.id, workflowValues(definition, xaml), ctx);
      action = 'updated';
    } else {
      action = 'kept';
    }
    const current = ops.retrieve(WORKFLOW, definition.id);
    const activate = options.publish || wasActive;
    if (activate && state(current?.values) !== WorkflowState.Activated) {
      await ops.update(WORKFLOW, definition.id, activated, ctx);
    }
    summary.workflows.push({ id: definition.id, name: definition.name, action });
  }
  for (const { id, file, xaml } of pkg.xamlOnly ?? []) {
    const existing = ops.retrieve(WORKFLOW, id);
    if (!existing) {
      throw new SolutionFileError(
        `${file} is not described in customizations.xml and no workflow ${id} exists to take it. Add the workflow to customizations.xml.`,
      );
    }
    if (!options.overwrite) {
      summary.workflows.push({ id, name: String(existing.values[wf.name]), action: 'kept' });
      continue;
    }
    const wasActive = state(existing.values) === WorkflowState.Activated;
    if (wasActive) await ops.update(WORKFLOW, id, draft, ctx);
    await ops.update(WORKFLOW, id, { [wf.xaml]: xaml }, ctx);
    if (wasActive || options.publish) await ops.update(WORKFLOW, id, activated, ctx);
    summary.workflows.push({ id, name: String(existing.values[wf.name]), action: 'updated' });
  }
  return summary;
}
