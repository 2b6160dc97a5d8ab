/**
 * Finishing or undoing a workflow change whose process died half-way, from its journal
 * (change-journal.ts). The definition read now decides: the new xaml is there (the update landed),
 * so the change is finished by putting the definition in its intended state; the original xaml is
 * there, so the change is rolled back to the original state. Either way the definition ends
 * Activated again if it was, so sending does not stay broken.
 */
import { WorkflowState } from '../entities/workflow';
import { isJournalLive, removeJournal, type ChangeJournal } from './change-journal';
import { WorkflowPatchError } from './errors';
import { rollBack, sameDefinition, type DefinitionWriter } from './template-patch';

/** What recovery did with one journal. */
export interface RecoveredChange {
  /** The journal file. */
  file: string;
  journal: ChangeJournal;
  /**
   * `finished`: the update had landed and the definition is now in its intended state;
   * `rolled-back`: it had not, and the original definition and state are back;
   * `in-progress`: the process that wrote the journal is still running, so nothing was done;
   * `other-environment`: the change was made in another environment (organization), so nothing
   *   was done and the journal is kept for a command run against that one.
   */
  outcome: 'finished' | 'rolled-back' | 'in-progress' | 'other-environment';
  /** One sentence for people saying what was found and done. */
  message: string;
}

const stateName = (state: WorkflowState) => (state === WorkflowState.Activated ? 'Activated' : 'Draft');

/**
 * Recovers one interrupted change and removes its journal.
 * @throws WorkflowPatchError (journal kept) when the definition is neither the original nor the new
 * one (someone changed it since) or when the writes fail (run again later)
 */
export async function recoverChange(
  writer: DefinitionWriter,
  file: string,
  journal: ChangeJournal,
  onStep: (step: string) => void = () => undefined,
): Promise<RecoveredChange> {
  const what = `An interrupted ${journal.operation} of workflow "${journal.name}" (${journal.workflowId}, started ${journal.startedAt})`;
  if (isJournalLive(journal)) {
    return {
      file,
      journal,
      outcome: 'in-progress',
      message: `${what} is still running in process ${journal.pid}; left alone (delete ${file} if that process is not portal-invite).`,
    };
  }
  const failed = (message: string, cause?: unknown) =>
    new WorkflowPatchError(`${what} could not be recovered: ${message}. Journal kept: ${file}.`, {
      step: 'recover',
      rolledBack: false,
      backupFile: journal.backupFile,
      cause,
    });
  if (journal.organizationId && writer.environment) {
    let here;
    try {
      here = await writer.environment();
    } catch (error) {
      throw failed(
        `asking which environment this is failed (${(error as Error).message}); run the command again`,
        error,
      );
    }
    if (here.organizationId.toLowerCase() !== journal.organizationId.toLowerCase()) {
      return {
        file,
        journal,
        outcome: 'other-environment',
        message: `${what} was made in another environment (${journal.environment ?? `organization ${journal.organizationId}`}), not ${here.url}; left alone here. Run a workflow command against ${journal.environment ?? 'that environment'} to finish or roll it back.`,
      };
    }
  }
  onStep(`read definition ${journal.workflowId}`);
  let current;
  try {
    current = await writer.read(journal.workflowId);
  } catch (error) {
    throw failed(`reading the definition failed (${(error as Error).message}); run the command again`, error);
  }
  const target = journal.target;
  if (sameDefinition(current.xaml, target.xaml)) {
    onStep(
      `the update had landed: ${target.statecode === WorkflowState.Activated ? 'activate' : 'check state'}`,
    );
    const done = await rollBack(writer, { workflowId: journal.workflowId, ...target });
    if (!done)
      throw failed(`putting it in the ${stateName(target.statecode)} state failed; run the command again`);
    await removeJournal(file);
    return {
      file,
      journal,
      outcome: 'finished',
      message: `${what} had written the new definition but not finished: it is now finished (${stateName(target.statecode)}).`,
    };
  }
  if (!sameDefinition(current.xaml, journal.original.xaml)) {
    throw failed(
      `the definition is neither the one before the change nor the one it wrote, so it was changed since; check it with "portal-invite workflow show" and restore ${journal.backupFile} if needed, then delete the journal`,
    );
  }
  onStep('the update had not landed: roll back');
  const done = await rollBack(writer, { workflowId: journal.workflowId, ...journal.original });
  if (!done)
    throw failed(
      `putting back the ${stateName(journal.original.statecode)} state failed; run the command again`,
    );
  await removeJournal(file);
  return {
    file,
    journal,
    outcome: 'rolled-back',
    message: `${what} stopped before writing the new definition: it was rolled back (original definition, ${stateName(journal.original.statecode)}).`,
  };
}
