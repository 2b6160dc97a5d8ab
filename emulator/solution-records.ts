/**
 * Solutions as rows: the publisher, solution and solutioncomponent rows that record which
 * workflows belong to which solution, written by the seed and by ImportSolution and read by
 * ExportSolution, so membership survives a restart.
 */
import {
  PublisherTable,
  RootComponentBehavior,
  SolutionComponentTable,
  SolutionComponentType,
  SolutionTable,
} from '../sdk/entities/index';
import type { EmulatorOperations, OperationContext, StoredRow } from './contracts';
import { DEFAULT_PUBLISHER, type SolutionManifest, type SolutionPublisher } from '../sdk/solutions/index';

/** Fixed ids for the rows `recordSolution` creates (the seed's); new rows get fresh ids otherwise. */
export interface SolutionRecordIds {
  publisherId?: string;
  solutionId?: string;
  /** solutioncomponentid per component (workflow) id. */
  componentIds?: Record<string, string>;
}

const pub = PublisherTable.columns;
const sol = SolutionTable.columns;
const component = SolutionComponentTable.columns;
const componentSolution = SolutionComponentTable.lookups.solution.column;

function publisherValues(publisher: SolutionPublisher): Record<string, unknown> {
  const optionValuePrefix = Number.parseInt(publisher.optionValuePrefix, 10);
  return {
    [pub.uniqueName]: publisher.uniqueName,
    [pub.friendlyName]: publisher.friendlyName || publisher.uniqueName,
    [pub.customizationPrefix]: publisher.prefix,
    [pub.optionValuePrefix]: Number.isNaN(optionValuePrefix) ? null : optionValuePrefix,
  };
}

/** Creates the row, or updates the one with the same unique name (solution and publisher alike). */
async function upsert(
  ops: EmulatorOperations,
  ctx: OperationContext,
  table: typeof SolutionTable | typeof PublisherTable,
  values: Record<string, unknown>,
  id: string | undefined,
): Promise<string> {
  const entityName = table.logicalName;
  const uniqueName = table.columns.uniqueName;
  const existing = ops.find(entityName, { [uniqueName]: values[uniqueName] })[0];
  return existing
    ? (await ops.update(entityName, existing.id, values, ctx)).id
    : (await ops.create(entityName, values, ctx, id)).id;
}

/**
 * Creates or updates the publisher and solution rows of a manifest (matched by unique name) and
 * adds a solutioncomponent row for each workflow not yet in the solution. Components are only
 * added, as an unmanaged import does. Run it inside the caller's transaction.
 * @returns The solution's id.
 */
export async function recordSolution(
  ops: EmulatorOperations,
  ctx: OperationContext,
  manifest: SolutionManifest,
  workflowIds: readonly string[],
  ids: SolutionRecordIds = {},
): Promise<string> {
  const publisherId = await upsert(
    ops,
    ctx,
    PublisherTable,
    publisherValues(manifest.publisher),
    ids.publisherId,
  );
  const solutionValues = {
    [sol.uniqueName]: manifest.uniqueName,
    [sol.friendlyName]: manifest.friendlyName,
    [sol.version]: manifest.version,
    [sol.managed]: manifest.managed,
    [sol.description]: manifest.description || null,
    [sol.installedOn]: new Date().toISOString(),
    [SolutionTable.lookups.publisher.column]: { logicalName: PublisherTable.logicalName, id: publisherId },
  };
  const solutionId = await upsert(ops, ctx, SolutionTable, solutionValues, ids.solutionId);
  const solution = { logicalName: SolutionTable.logicalName, id: solutionId };
  const members = new Set(
    ops
      .find(SolutionComponentTable.logicalName, { [componentSolution]: solution })
      .map((r) => r.values[component.objectId]),
  );
  for (const objectId of new Set(workflowIds.map((id) => id.toLowerCase()))) {
    if (members.has(objectId)) continue;
    await ops.create(
      SolutionComponentTable.logicalName,
      {
        [component.componentType]: SolutionComponentType.Workflow,
        [component.objectId]: objectId,
        [componentSolution]: solution,
        [component.rootComponentBehavior]: RootComponentBehavior.IncludeSubcomponents,
        [component.metadata]: true,
      },
      ctx,
      ids.componentIds?.[objectId],
    );
  }
  return solutionId;
}

/** The ids (lower case) of the workflows recorded as components of a solution, in stored order. */
export function solutionWorkflowIds(ops: EmulatorOperations, solutionId: string): string[] {
  return ops
    .find(SolutionComponentTable.logicalName, {
      [componentSolution]: { logicalName: SolutionTable.logicalName, id: solutionId },
      [component.componentType]: SolutionComponentType.Workflow,
    })
    .map((r) => String(r.values[component.objectId]).toLowerCase());
}

/** The publisher of a solution row, or the default publisher when it has none. */
export function solutionPublisher(ops: EmulatorOperations, solution: StoredRow): SolutionPublisher {
  const ref = solution.values[SolutionTable.lookups.publisher.column] as { id?: string } | null | undefined;
  const row = ref?.id ? ops.retrieve(PublisherTable.logicalName, ref.id) : undefined;
  if (!row) return { ...DEFAULT_PUBLISHER };
  const v = row.values;
  return {
    uniqueName: String(v[pub.uniqueName]),
    friendlyName: String(v[pub.friendlyName] ?? v[pub.uniqueName]),
    prefix: String(v[pub.customizationPrefix] ?? DEFAULT_PUBLISHER.prefix),
    optionValuePrefix: String(v[pub.optionValuePrefix] ?? DEFAULT_PUBLISHER.optionValuePrefix),
  };
}
