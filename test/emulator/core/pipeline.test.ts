import { PipelineAbortError } from '../../../emulator/contracts';
import type { EmulatorOperations, EmulatorPipeline, OperationEvent } from '../../../emulator/contracts';
import { SEED } from '../../../emulator/core';
import { send, startTestEmulator } from './helpers';
import type { TestEmulator } from './helpers';

/** A pipeline whose stages are scripted per test. */
function scriptedPipeline(
  onSync: (stage: number, event: OperationEvent, ops: EmulatorOperations) => Promise<void>,
) {
  const committed: OperationEvent[] = [];
  const stages: string[] = [];
  let opsRef: EmulatorOperations | undefined;
  const factory = (ops: EmulatorOperations): EmulatorPipeline => {
    opsRef = ops;
    return {
      runSync: async (stage, event) => {
        stages.push(`${event.message}:${event.entityName}:${stage}`);
        await onSync(stage, event, ops);
      },
      afterCommit: (event) => committed.push(event),
    };
  };
  return { factory, committed, stages, ops: () => opsRef as EmulatorOperations };
}

describe('emulator core: pipeline around writes', () => {
  let em: TestEmulator;
  afterEach(() => em.close());

  test('stages 10, 20 and 40 run around a create and afterCommit follows the commit', async () => {
    const p = scriptedPipeline(async () => undefined);
    em = await startTestEmulator({ extensions: { pipeline: p.factory } });
    await em.request('POST', 'contacts', { body: { lastname: 'Piped' } });
    expect(p.stages).toEqual(['Create:contact:10', 'Create:contact:20', 'Create:contact:40']);
    expect(p.committed.map((e) => e.message)).toEqual(['Create']);
    expect(p.committed[0].postImage?.lastname).toBe('Piped');
  });

  test('a PipelineAbortError rolls the write back and answers 400 0x80040265 with the step message', async () => {
    const p = scriptedPipeline(async (stage) => {
      if (stage === 40) throw new PipelineAbortError('Invitation code already in use.');
    });
    em = await startTestEmulator({ extensions: { pipeline: p.factory } });
    const res = await em.request('POST', 'contacts', { body: { lastname: 'Vetoed' } });
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({ code: '0x80040265', message: 'Invitation code already in use.' });
    expect(em.core.ops.find('contact', { lastname: 'Vetoed' })).toEqual([]);
    expect(p.committed).toEqual([]);
  });

  test('MSCRM.BypassBusinessLogicExecution skips the steps', async () => {
    const p = scriptedPipeline(async () => undefined);
    em = await startTestEmulator({ extensions: { pipeline: p.factory } });
    await em.request('POST', 'contacts', {
      body: { lastname: 'Bypass' },
      headers: { 'MSCRM.BypassBusinessLogicExecution': 'CustomSync,CustomAsync' },
    });
    expect(p.stages).toEqual([]);
  });

  test('a sync step may call back over HTTP: GETs answer and a write at depth 2 joins the open transaction', async () => {
    let seen: number | undefined;
    const p = scriptedPipeline(async (stage, event) => {
      if (stage !== 40 || event.message !== 'Create' || event.entityName !== 'adx_invitation') return;
      const got = await send(em.core.apiUrl, 'GET', `adx_invitations(${event.id})?$select=adx_name`);
      seen = got.status;
      const write = await send(em.core.apiUrl, 'PATCH', `adx_invitations(${event.id})`, {
        body: { adx_invitationcode: 'GENERATED' },
        headers: { 'x-ms-emulator-depth': String(event.context.depth + 1) },
      });
      if (write.status !== 204) throw new PipelineAbortError(`callback failed ${write.status} ${write.text}`);
    });
    em = await startTestEmulator({ extensions: { pipeline: p.factory } });
    const res = await em.request('POST', 'adx_invitations', {
      body: { adx_name: 'Hooked' },
      headers: { Prefer: 'return=representation' },
    });
    expect(res.status).toBe(201);
    expect(seen).toBe(200);
    expect(em.core.ops.retrieve('adx_invitation', res.json.adx_invitationid)?.values.adx_invitationcode).toBe(
      'GENERATED',
    );
  });

  test('a write callback carrying the correlation id of the running operation joins its transaction', async () => {
    const p = scriptedPipeline(async (stage, event) => {
      if (stage !== 40 || event.message !== 'Create' || event.entityName !== 'contact') return;
      const write = await send(em.core.apiUrl, 'PATCH', `contacts(${event.id})`, {
        body: { jobtitle: 'Set by step' },
        headers: { 'x-ms-correlation-request-id': event.context.correlationId },
      });
      if (write.status !== 204) throw new PipelineAbortError(`callback failed ${write.status}`);
    });
    em = await startTestEmulator({ extensions: { pipeline: p.factory } });
    const res = await em.request('POST', 'contacts', {
      body: { lastname: 'Correlated' },
      headers: { 'x-ms-correlation-request-id': 'corr-1' },
    });
    expect(res.status).toBe(204);
    expect(em.core.ops.find('contact', { lastname: 'Correlated' })[0].values.jobtitle).toBe('Set by step');
  });

  test('steps see the caller, the depth and the pre-image of an update', async () => {
    const events: OperationEvent[] = [];
    const p = scriptedPipeline(async (stage, event) => {
      if (stage === 20) events.push(event);
    });
    em = await startTestEmulator({ extensions: { pipeline: p.factory } });
    await em.request('PATCH', `contacts(${SEED.contacts.alice})`, { body: { firstname: 'Alicia' } });
    expect(events[0]).toMatchObject({
      message: 'Update',
      target: { firstname: 'Alicia' },
      preImage: { firstname: 'Alice' },
    });
    expect(events[0].context).toMatchObject({ userId: SEED.systemUserId, depth: 1 });
  });

  test('ops.transaction nests: an inner failure undoes only the inner write', async () => {
    const p = scriptedPipeline(async () => undefined);
    em = await startTestEmulator({ extensions: { pipeline: p.factory } });
    const ops = em.core.ops;
    const ctx = { userId: SEED.systemUserId, correlationId: 'c', requestId: 'r', depth: 1 };
    await ops.transaction(async () => {
      await ops.create('contact', { lastname: 'Outer' }, ctx);
      await expect(ops.create('contact', { lastname: 'x'.repeat(80) }, ctx)).rejects.toThrow(/maximum/);
    });
    expect(ops.find('contact', { lastname: 'Outer' })).toHaveLength(1);
  });
});

describe('emulator core: fault injection', () => {
  test('the next matching request fails with the given error, then requests pass again', async () => {
    const em = await startTestEmulator();
    try {
      em.core.faults.add({
        method: 'POST',
        path: /\/contacts$/,
        status: 503,
        code: '0x80040216',
        message: 'Injected outage',
      });
      const first = await em.request('POST', 'contacts', { body: { lastname: 'F' } });
      expect(first.status).toBe(503);
      expect(first.json.error).toEqual({ code: '0x80040216', message: 'Injected outage' });
      expect(em.core.ops.find('contact', { lastname: 'F' })).toEqual([]);
      expect((await em.request('POST', 'contacts', { body: { lastname: 'F' } })).status).toBe(204);
    } finally {
      await em.close();
    }
  });

  test('bodyIncludes and times narrow a fault', async () => {
    const em = await startTestEmulator();
    try {
      em.core.faults.add({
        path: /contacts/,
        bodyIncludes: 'Doomed',
        times: 2,
        status: 429,
        code: '0x80072322',
        message: 'Throttled',
      });
      expect((await em.request('POST', 'contacts', { body: { lastname: 'Fine' } })).status).toBe(204);
      expect((await em.request('POST', 'contacts', { body: { lastname: 'Doomed' } })).status).toBe(429);
      expect((await em.request('POST', 'contacts', { body: { lastname: 'Doomed' } })).status).toBe(429);
      expect((await em.request('POST', 'contacts', { body: { lastname: 'Doomed' } })).status).toBe(204);
    } finally {
      await em.close();
    }
  });
});
