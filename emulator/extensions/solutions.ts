/**
 * The solution actions: ImportSolution, ImportSolutionAsync, ExportSolution and PublishAllXml,
 * over the solution rows (emulator/solution-records.ts) and the package format (sdk/solutions).
 */
import { randomUUID } from 'node:crypto';
import {
  AsyncOperationType,
  SolutionTable,
  StandardColumns,
  WorkflowCategory,
  WorkflowMode,
  WorkflowScope,
  WorkflowState,
  WorkflowStatus,
  WorkflowTable,
  WorkflowType,
} from '../../sdk/entities/index';
import type { ActionHandler, EmulatorOperations, OperationContext, StoredRow } from '../contracts';
import { DataverseFault, ErrorCodes } from '../errors';
import { solutionPublisher, solutionWorkflowIds } from '../solution-records';
import { completeAsyncOperation, startAsyncOperation } from './async-operations';
import { importPackage, type ImportSummary } from './solution-import';
import {
  readSolutionPackage,
  SolutionFileError,
  writeSolutionPackage,
  xamlFileName,
  type SolutionManifest,
  type SolutionPackage,
  type WorkflowDefinition,
} from '../../sdk/solutions/index';

async function readPackage(body: Record<string, unknown>): Promise<SolutionPackage> {
  const file = body.CustomizationFile;
  if (typeof file !== 'string' || file === '') {
    throw new DataverseFault(
      400,
      ErrorCodes.InvalidArgument,
      'ImportSolution needs CustomizationFile: the solution zip, base64-encoded.',
    );
  }
  try {
    return await readSolutionPackage(Buffer.from(file, 'base64'));
  } catch (error) {
    if (error instanceof SolutionFileError) {
      throw new DataverseFault(
        400,
        ErrorCodes.InvalidSolutionFile,
        `${error.message} CustomizationFile must hold the solution zip, base64-encoded.`,
      );
    }
    throw error;
  }
}

function importOptions(body: Record<string, unknown>) {
  return {
    overwrite: body.OverwriteUnmanagedCustomizations === true,
    publish: body.PublishWorkflows === true,
  };
}

const wf = WorkflowTable.columns;
const sol = SolutionTable.columns;

function definitionOf(row: StoredRow): WorkflowDefinition {
  const v = row.values;
  const name = String(v[wf.name] ?? '');
  const description = v[wf.description];
  return {
    id: row.id.toLowerCase(),
    name,
    xamlFileName: xamlFileName(name, row.id),
    primaryEntity: String(v[wf.primaryEntity] ?? ''),
    type: Number(v[wf.type] ?? WorkflowType.Definition),
    category: Number(v[wf.category] ?? WorkflowCategory.Workflow),
    mode: Number(v[wf.mode] ?? WorkflowMode.Background),
    scope: Number(v[wf.scope] ?? WorkflowScope.Organization),
    onDemand: v[wf.onDemand] === true,
    subprocess: v[wf.subprocess] === true,
    triggerOnCreate: v[wf.triggerOnCreate] === true,
    triggerOnDelete: v[wf.triggerOnDelete] === true,
    stateCode: Number(v[StandardColumns.state] ?? WorkflowState.Draft),
    statusCode: Number(v[StandardColumns.status] ?? WorkflowStatus.Draft),
    description: typeof description === 'string' ? description : '',
  };
}

/** The package of an installed solution: its row, its publisher and its workflow components. */
function packageOf(ops: EmulatorOperations, row: StoredRow): SolutionPackage {
  const v = row.values;
  const uniqueName = String(v[sol.uniqueName]);
  const workflowRows = solutionWorkflowIds(ops, row.id)
    .map((id) => ops.retrieve(WorkflowTable.logicalName, id))
    .filter((r): r is StoredRow => r !== undefined);
  const description = v[sol.description];
  const manifest: SolutionManifest = {
    uniqueName,
    friendlyName: String(v[sol.friendlyName] ?? uniqueName),
    description: typeof description === 'string' ? description : '',
    version: String(v[sol.version] ?? '1.0.0.0'),
    managed: v[sol.managed] === true,
    publisher: solutionPublisher(ops, row),
    workflowIds: workflowRows.map((r) => r.id.toLowerCase()),
  };
  return {
    manifest,
    workflows: workflowRows.map((r) => ({
      definition: definitionOf(r),
      xaml: String(r.values[wf.xaml] ?? ''),
    })),
  };
}

/**
 * ImportSolution, ImportSolutionAsync, ExportSolution and PublishAllXml. Imports run inside the
 * request (ImportSolutionAsync's job is complete when it answers), in one transaction that also
 * records solution membership as solutioncomponent rows; ExportSolution writes only those.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/importsolution
 */
export function createSolutionActions(): Record<string, ActionHandler> {
  const run = async (
    ops: EmulatorOperations,
    ctx: OperationContext,
    pkg: SolutionPackage,
    body: Record<string, unknown>,
  ): Promise<ImportSummary> =>
    ops
      .transaction(() => importPackage(ops, ctx, pkg, importOptions(body)))
      .catch((error: unknown) => {
        throw error instanceof SolutionFileError
          ? new DataverseFault(400, ErrorCodes.InvalidSolutionFile, error.message)
          : error;
      });
  return {
    ImportSolution: async (request, ops) => {
      await run(ops, request.context, await readPackage(request.body), request.body);
      return { status: 204 };
    },
    ImportSolutionAsync: async (request, ops) => {
      const jobId = await startAsyncOperation(ops, request.context, {
        name: 'ImportSolutionAsync',
        operationType: AsyncOperationType.ExecuteAsyncRequest,
      });
      try {
        await run(ops, request.context, await readPackage(request.body), request.body);
        await completeAsyncOperation(ops, request.context, jobId, { succeeded: true });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await completeAsyncOperation(ops, request.context, jobId, { succeeded: false, message });
      }
      const importJobKey =
        typeof request.body.ImportJobId === 'string' ? request.body.ImportJobId : randomUUID();
      return { body: { AsyncOperationId: jobId, ImportJobKey: importJobKey } };
    },
    ExportSolution: async (request, ops) => {
      const name = request.body.SolutionName;
      if (typeof name !== 'string' || name === '') {
        throw new DataverseFault(
          400,
          ErrorCodes.InvalidArgument,
          'ExportSolution needs SolutionName: the unique name.',
        );
      }
      const row = ops
        .find(SolutionTable.logicalName)
        .find((r) => String(r.values[sol.uniqueName]).toLowerCase() === name.toLowerCase());
      if (!row) {
        throw new DataverseFault(
          404,
          ErrorCodes.SolutionNotFound,
          `The solution '${name}' does not exist. Import it first, or check the unique name (${SolutionTable.entitySet}?$select=${sol.uniqueName}).`,
        );
      }
      const zip = await writeSolutionPackage(packageOf(ops, row), {
        managed: request.body.Managed === true,
      });
      return { body: { ExportSolutionFile: zip.toString('base64') } };
    },
    PublishAllXml: async () => ({ status: 204 }),
  };
}
