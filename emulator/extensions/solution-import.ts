import type { EmulatorOperations, OperationContext } from '../contracts';
import { WorkflowState, WorkflowStatus } from '../../sdk/entities/workflow';
import { SolutionFileError, type SolutionPackage, type WorkflowDefinition } from '../../sdk/solutions/index';
import { recordSolution } from '../solution-records';

/** Which rows an import wrote. */
export interface ImportSummary {
  solutionId: string;
  workflows: { id: string; name: string; action: 'created' | 'updated' | 'kept' }[];
}

function workflowValues(definition: WorkflowDefinition, xaml: string): Record<string, unknown> {
  return {
    name: definition.name,
    primaryentity: definition.primaryEntity,
    xaml,
    type: definition.type,
    category: definition.category,
    mode: definition.mode,
    scope: definition.scope,
    ondemand: definition.onDemand,
    subprocess: definition.subprocess,
    triggeroncreate: definition.triggerOnCreate,
    triggerondelete: definition.triggerOnDelete,
    description: definition.description || null,
  };
}

const draft = { statecode: WorkflowState.Draft, statuscode: WorkflowStatus.Draft };
const activated = { statecode: WorkflowState.Activated, statuscode: WorkflowStatus.Activated };

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
    const existing = ops.retrieve('workflow', definition.id);
    const wasActive = existing?.values.statecode === WorkflowState.Activated;
    let action: 'created' | 'updated' | 'kept';
    if (!existing) {
      await ops.create('workflow', { ...workflowValues(definition, xaml), ...draft }, ctx, definition.id);
      action = 'created';
    } else if (options.overwrite) {
      if (wasActive) await ops.update('workflow', definition.id, draft, ctx);
      await ops.update('workflow', definition.id, workflowValues(definition, xaml), ctx);
      action = 'updated';
    } else {
      action = 'kept';
    }
    const current = ops.retrieve('workflow', definition.id);
    const activate = options.publish || wasActive;
    if (activate && current?.values.statecode !== WorkflowState.Activated) {
      await ops.update('workflow', definition.id, activated, ctx);
    }
    summary.workflows.push({ id: definition.id, name: definition.name, action });
  }
  for (const { id, file, xaml } of pkg.xamlOnly ?? []) {
    const existing = ops.retrieve('workflow', id);
    if (!existing) {
      throw new SolutionFileError(
        `${file} is not described in customizations.xml and no workflow ${id} exists to take it. Add the workflow to customizations.xml.`,
      );
    }
    if (!options.overwrite) {
      summary.workflows.push({ id, name: String(existing.values.name), action: 'kept' });
      continue;
    }
    const wasActive = existing.values.statecode === WorkflowState.Activated;
    if (wasActive) await ops.update('workflow', id, draft, ctx);
    await ops.update('workflow', id, { xaml }, ctx);
    if (wasActive || options.publish) await ops.update('workflow', id, activated, ctx);
    summary.workflows.push({ id, name: String(existing.values.name), action: 'updated' });
  }
  return summary;
}
