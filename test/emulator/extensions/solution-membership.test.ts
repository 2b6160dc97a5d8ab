import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SEED } from '../../../emulator/core';
import { startEmulator, type Emulator } from '../../../emulator/index';
import {
  readSolutionPackage,
  writeSolutionPackage,
  xamlFileName,
  type SolutionPackage,
} from '../../../sdk/solutions/index';

const EXTRA_IDS = ['5b0e0c1a-0000-4000-8000-0000000000a1', '5b0e0c1a-0000-4000-8000-0000000000a2'];
const XAML = '<Activity x:Class="XrmWorkflow" xmlns:x="http://schemas.microsoft.com/winfx/2006/xaml" />';

/** A solution named `Extras` holding two new workflow definitions. */
function extrasPackage(): SolutionPackage {
  return {
    manifest: {
      uniqueName: 'Extras',
      friendlyName: 'Extras',
      description: '',
      version: '1.0.0.0',
      managed: false,
      publisher: { uniqueName: 'extras', friendlyName: 'Extras', prefix: 'ext', optionValuePrefix: '12345' },
      workflowIds: EXTRA_IDS,
    },
    workflows: EXTRA_IDS.map((id, i) => ({
      definition: {
        id,
        name: `Extra ${i}`,
        xamlFileName: xamlFileName(`Extra ${i}`, id),
        primaryEntity: 'contact',
        type: 1,
        category: 0,
        mode: 0,
        scope: 4,
        onDemand: true,
        subprocess: false,
        triggerOnCreate: false,
        triggerOnDelete: false,
        stateCode: 0,
        statusCode: 1,
        description: '',
      },
      xaml: XAML,
    })),
  };
}

async function web(emulator: Emulator, method: string, url: string, body?: unknown) {
  const response = await fetch(`http://127.0.0.1:${emulator.port}/api/data/v9.2/${url}`, {
    method,
    headers: { Authorization: 'Bearer test', Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function exportSolution(emulator: Emulator, name: string): Promise<SolutionPackage> {
  const res = await web(emulator, 'POST', 'ExportSolution', { SolutionName: name, Managed: false });
  expect(res.status).toBe(200);
  return readSolutionPackage(Buffer.from(res.json.ExportSolutionFile as string, 'base64'));
}

describe('solution membership', () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('exports the seeded PortalInvitations solution with exactly the Send Invitation workflow', async () => {
    emulator = await startEmulator({ db: ':memory:', port: 0, seed: true });
    await web(emulator, 'POST', 'ImportSolution', {
      CustomizationFile: (await writeSolutionPackage(extrasPackage())).toString('base64'),
    });
    const pkg = await exportSolution(emulator, 'PortalInvitations');
    expect(pkg.workflows.map((w) => w.definition.id)).toEqual([SEED.sendInvitationWorkflowId]);
    expect(pkg.manifest.workflowIds).toEqual([SEED.sendInvitationWorkflowId]);
    expect(pkg.manifest.publisher).toEqual({
      uniqueName: 'portalinvite',
      friendlyName: 'Portal Invite',
      prefix: 'pinv',
      optionValuePrefix: '71530',
    });
  });

  it('lists a solution’s components through GET solutioncomponents filtered by _solutionid_value', async () => {
    emulator = await startEmulator({ db: ':memory:', port: 0, seed: true });
    const res = await web(
      emulator,
      'GET',
      `solutioncomponents?$filter=_solutionid_value eq ${SEED.solutionId}&$select=componenttype,objectid`,
    );
    expect(res.status).toBe(200);
    expect(res.json.value).toEqual([
      expect.objectContaining({
        solutioncomponentid: SEED.sendInvitationComponentId,
        componenttype: 29,
        objectid: SEED.sendInvitationWorkflowId,
      }),
    ]);
  });

  it('still exports exactly the imported workflows after a restart on the same database file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-solutions-'));
    const db = path.join(dir, 'store.db');
    try {
      emulator = await startEmulator({ db, port: 0, seed: true });
      const imported = await web(emulator, 'POST', 'ImportSolution', {
        CustomizationFile: (await writeSolutionPackage(extrasPackage())).toString('base64'),
      });
      expect(imported.status).toBe(204);
      await emulator.close();
      emulator = await startEmulator({ db, port: 0, seed: true });
      const pkg = await exportSolution(emulator, 'Extras');
      expect(pkg.workflows.map((w) => w.definition.id).sort()).toEqual([...EXTRA_IDS].sort());
      expect(pkg.manifest.publisher.prefix).toBe('ext');
    } finally {
      await emulator?.close();
      emulator = undefined;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers an unknown SolutionName with a Dataverse error naming the solution', async () => {
    emulator = await startEmulator({ db: ':memory:', port: 0, seed: true });
    const res = await web(emulator, 'POST', 'ExportSolution', { SolutionName: 'NoSuchSolution' });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: { code: '0x8004F004', message: expect.stringContaining("'NoSuchSolution' does not exist") },
    });
  });
});
