/**
 * recoverChange: a workflow change whose process died is finished when its new definition had
 * landed and rolled back when it had not, from the journal; its journal is removed once verified.
 */
import { existsSync } from 'node:fs';
import { WorkflowState, WorkflowStatus, type WorkflowRecord } from '../../sdk/entities/workflow';
import { findJournals, writeJournal } from '../../sdk/workflows/change-journal';
import { recoverChange } from '../../sdk/workflows/recover-change';
import type { DefinitionWriter } from '../../sdk/workflows/template-patch';
import { tempDir, WORKFLOW_ID } from './service-helpers';

const ORIGINAL = '<Activity x:Class="XrmWorkflow"><Sequence DisplayName="old" /></Activity>';
const PATCHED = '<Activity x:Class="XrmWorkflow"><Sequence DisplayName="new" /></Activity>';

/** A definition kept in memory, with the calls made to it. */
function memoryWriter(
  xaml: string,
  state: WorkflowState,
): DefinitionWriter & { calls: string[]; now: () => WorkflowRecord } {
  let current = { xaml, state };
  const calls: string[] = [];
  const now = () =>
    ({
      id: WORKFLOW_ID,
      name: 'Send Invitation',
      xaml: current.xaml,
      state: current.state,
      status: current.state === WorkflowState.Activated ? WorkflowStatus.Activated : WorkflowStatus.Draft,
    }) as WorkflowRecord;
  return {
    calls,
    now,
    read: async () => now(),
    writeXaml: async (_id, next) => {
      calls.push('writeXaml');
      if (current.state !== WorkflowState.Draft) throw new Error('published');
      current = { ...current, xaml: next };
    },
    activate: async () => {
      calls.push('activate');
      current = { ...current, state: WorkflowState.Activated };
    },
    deactivate: async () => {
      calls.push('deactivate');
      current = { ...current, state: WorkflowState.Draft };
    },
  };
}

const DEV_ORG = '0b5c6f1e-8d2a-4c3b-9e7f-1a2b3c4d5e6f';
const PROD_ORG = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';

/** The writer, answering which environment it writes to. */
function inEnvironment<W extends DefinitionWriter>(writer: W, url: string, organizationId: string): W {
  writer.environment = async () => ({ url, organizationId });
  return writer;
}

async function journal(directory: string) {
  await writeJournal(directory, {
    operation: 'patch-template',
    workflowId: WORKFLOW_ID,
    name: 'Send Invitation',
    backupFile: 'backup.json',
    original: { xaml: ORIGINAL, statecode: WorkflowState.Activated, statuscode: WorkflowStatus.Activated },
    target: { xaml: PATCHED, statecode: WorkflowState.Activated },
    startedAt: '2026-11-21T09:00:00.000Z',
  });
  return (await findJournals(directory))[0];
}

describe('recoverChange', () => {
  it('finishes a change whose new definition landed: activates it and removes the journal', async () => {
    const dir = await tempDir();
    const { file, journal: j } = await journal(dir);
    const writer = memoryWriter(PATCHED, WorkflowState.Draft);
    const result = await recoverChange(writer, file, j);
    expect([result.outcome, writer.calls, writer.now().state]).toEqual([
      'finished',
      ['activate'],
      WorkflowState.Activated,
    ]);
    expect(existsSync(file)).toBe(false);
  });

  it('rolls back a change whose new definition had not landed: the original, Activated again', async () => {
    const dir = await tempDir();
    const { file, journal: j } = await journal(dir);
    const writer = memoryWriter(ORIGINAL, WorkflowState.Draft);
    const result = await recoverChange(writer, file, j);
    expect([result.outcome, writer.now().xaml, writer.now().state]).toEqual([
      'rolled-back',
      ORIGINAL,
      WorkflowState.Activated,
    ]);
    expect(existsSync(file)).toBe(false);
  });

  it('touches nothing and keeps the journal when someone else changed the definition since', async () => {
    const dir = await tempDir();
    const { file, journal: j } = await journal(dir);
    const writer = memoryWriter(
      '<Activity x:Class="XrmWorkflow"><Sequence DisplayName="theirs" /></Activity>',
      WorkflowState.Draft,
    );
    await expect(recoverChange(writer, file, j)).rejects.toMatchObject({
      kind: 'workflow_patch',
      rolledBack: false,
    });
    expect(writer.calls).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });

  it('leaves alone, and keeps, the journal of a change made in another organization', async () => {
    const dir = await tempDir();
    const { file, journal: j } = await journal(dir);
    const writer = inEnvironment(memoryWriter(PATCHED, WorkflowState.Draft), 'prod', PROD_ORG);
    const result = await recoverChange(writer, file, {
      ...j,
      environment: 'https://dev.crm.dynamics.com',
      organizationId: DEV_ORG,
    });
    expect([result.outcome, writer.calls, writer.now().state]).toEqual([
      'other-environment',
      [],
      WorkflowState.Draft,
    ]);
    expect(result.message).toContain(
      'was made in another environment (https://dev.crm.dynamics.com), not prod',
    );
    expect(existsSync(file)).toBe(true);
  });

  it('recovers a journal of this organization, whatever URL reached it, and one written before journals named it', async () => {
    for (const organizationId of [DEV_ORG.toUpperCase(), undefined]) {
      const dir = await tempDir();
      const { file, journal: j } = await journal(dir);
      const writer = inEnvironment(
        memoryWriter(PATCHED, WorkflowState.Draft),
        'https://dev.api.crm.dynamics.com',
        DEV_ORG,
      );
      const result = await recoverChange(writer, file, {
        ...j,
        environment: 'https://dev.crm.dynamics.com',
        organizationId,
      });
      expect(result.outcome).toBe('finished');
      expect(existsSync(file)).toBe(false);
    }
  });

  it('keeps the journal when it cannot tell which environment this is', async () => {
    const dir = await tempDir();
    const { file, journal: j } = await journal(dir);
    const writer = memoryWriter(PATCHED, WorkflowState.Draft);
    writer.environment = () => Promise.reject(new Error('ECONNRESET'));
    await expect(recoverChange(writer, file, { ...j, organizationId: DEV_ORG })).rejects.toThrow(
      /asking which environment this is failed \(ECONNRESET\).*Journal kept/,
    );
    expect(writer.calls).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });

  it('leaves alone the journal of a change still running in another process', async () => {
    const dir = await tempDir();
    const { file, journal: j } = await journal(dir);
    const writer = memoryWriter(ORIGINAL, WorkflowState.Draft);
    const result = await recoverChange(writer, file, { ...j, pid: process.ppid });
    expect([result.outcome, writer.calls]).toEqual(['in-progress', []]);
    expect(existsSync(file)).toBe(true);
  });
});
