/**
 * Solutions as rows: the publisher, solution and solutioncomponent rows that record which
 * workflows belong to which solution, written by the seed and by ImportSolution and read by
 * ExportSolution, so membership survives a restart.
 */
import type { EmulatorOperations, OperationContext, StoredRow } from './contracts';
import { SolutionComponentType } from '../sdk/entities/index';
import { DEFAULT_PUBLISHER, type SolutionManifest, type SolutionPublisher } from '../sdk/solutions/index';

/** Fixed ids for the rows `recordSolution` creates (the seed's); new rows get fresh ids otherwise. */
export interface SolutionRecordIds {
  publisherId?: string;
  solutionId?: string;
  /** solutioncomponentid per component (workflow) id. */
  componentIds?: Record<string, string>;
}

function publisherValues(publisher: SolutionPublisher): Record<string, unknown> {
  const optionValuePrefix = Number.parseInt(publisher.optionValuePrefix, 10);
  return {
    uniquename: publisher.uniqueName,
    friendlyname: publisher.friendlyName || publisher.uniqueName,
    customizationprefix: publisher.prefix,
    customizationoptionvalueprefix: Number.isNaN(optionValuePrefix) ? null : optionValuePrefix,
  };
}

async function upsert(
  ops: EmulatorOperations,
  ctx: OperationContext,
  entityName: string,
  values: Record<string, unknown>,
  id: string | undefined,
): Promise<string> {
  const existing = ops.find(entityName, { uniquename: values.uniquename })[0];
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
    'publisher',
    publisherValues(manifest.publisher),
    ids.publisherId,
  );
  const solutionValues = {
    uniquename: manifest.uniqueName,
    friendlyname: manifest.friendlyName,
    version: manifest.version,
    ismanaged: manifest.managed,
    description: manifest.description || null,
    installedon: new Date().toISOString(),
    publisherid: { logicalName: 'publisher', id: publisherId },
  };
  const solutionId = await upsert(ops, ctx, 'solution', solutionValues, ids.solutionId);
  const solution = { logicalName: 'solution', id: solutionId };
  const members = new Set(
    ops.find('solutioncomponent', { solutionid: solution }).map((r) => r.values.objectid),
  );
  for (const objectId of new Set(workflowIds.map((id) => id.toLowerCase()))) {
    if (members.has(objectId)) continue;
    await ops.create(
      'solutioncomponent',
      {
        componenttype: SolutionComponentType.Workflow,
        objectid: objectId,
        solutionid: solution,
        rootcomponentbehavior: 0,
        ismetadata: true,
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
    .find('solutioncomponent', {
      solutionid: { logicalName: 'solution', id: solutionId },
      componenttype: SolutionComponentType.Workflow,
    })
    .map((r) => String(r.values.objectid).toLowerCase());
}

/** The publisher of a solution row, or the default publisher when it has none. */
export function solutionPublisher(ops: EmulatorOperations, solution: StoredRow): SolutionPublisher {
  const ref = solution.values.publisherid as { id?: string } | null | undefined;
  const row = ref?.id ? ops.retrieve('publisher', ref.id) : undefined;
  if (!row) return { ...DEFAULT_PUBLISHER };
  const v = row.values;
  return {
    uniqueName: String(v.uniquename),
    friendlyName: String(v.friendlyname ?? v.uniquename),
    prefix: String(v.customizationprefix ?? DEFAULT_PUBLISHER.prefix),
    optionValuePrefix: String(v.customizationoptionvalueprefix ?? DEFAULT_PUBLISHER.optionValuePrefix),
  };
}
