import {
  PipelineLoopError,
  PipelineRunner,
  PluginError,
  StepRegistry,
  buildContext,
} from '../../plugins/pipeline';
import type { PluginExecution, StepDefinition } from '../../plugins/pipeline';
import { FakeClient } from './support/fake-client';

const base: Omit<StepDefinition, 'name' | 'handler'> = {
  message: 'Create',
  entity: 'contact',
  stage: 20,
  mode: 0,
};

function setup() {
  const registry = new StepRegistry();
  const runner = new PipelineRunner(registry, { client: new FakeClient() });
  const order: string[] = [];
  const add = (name: string, extra: Partial<StepDefinition> = {}, run?: (e: PluginExecution) => void) =>
    registry.register({ ...base, name, handler: name, ...extra }, async (execution) => {
      order.push(name);
      run?.(execution);
    });
  return { registry, runner, order, add };
}

const target = {
  logicalName: 'contact',
  id: '00000000-0000-0000-0000-000000000000',
  attributes: { firstname: 'Ada' },
};

describe('PipelineRunner', () => {
  it('runs the steps of a stage lowest rank first, registration order breaking ties', async () => {
    const { runner, order, add } = setup();
    add('late', { rank: 5 });
    add('early', { rank: 1 });
    add('also-early', { rank: 1 });
    await runner.run(buildContext({ message: 'Create', entity: 'contact', stage: 20, target }));
    expect(order).toEqual(['early', 'also-early', 'late']);
  });

  it('runs only the steps registered for the message, table, stage and mode', async () => {
    const { runner, order, add } = setup();
    add('pre', {});
    add('post', { stage: 40 });
    add('async', { stage: 40, mode: 1 });
    add('other-table', { entity: 'account' });
    await runner.run(buildContext({ message: 'Create', entity: 'contact', stage: 40, mode: 1, target }));
    expect(order).toEqual(['async']);
  });

  it('refuses a context deeper than 8 as a loop without running any step', async () => {
    const { runner, order, add } = setup();
    add('any');
    const run = runner.run(
      buildContext({ message: 'Create', entity: 'contact', stage: 20, depth: 9, target }),
    );
    await expect(run).rejects.toBeInstanceOf(PipelineLoopError);
    expect(order).toEqual([]);
  });

  it('allows depth 8', async () => {
    const { runner, add } = setup();
    add('any');
    const result = await runner.run(
      buildContext({ message: 'Create', entity: 'contact', stage: 20, depth: 8, target }),
    );
    expect(result.executed).toEqual(['any']);
  });

  it('carries shared variables from one step to the next and returns them', async () => {
    const { runner, add } = setup();
    let seen: unknown;
    add('writer', { rank: 1 }, (e) => (e.sharedVariables.note = 'from writer'));
    add('reader', { rank: 2 }, (e) => (seen = e.sharedVariables.note));
    const result = await runner.run(
      buildContext({ message: 'Create', entity: 'contact', stage: 20, target }),
    );
    expect(seen).toBe('from writer');
    expect(result.sharedVariables.note).toBe('from writer');
  });

  it('stops at the first PluginError and rethrows it', async () => {
    const { runner, order, add } = setup();
    add('refuses', { rank: 1 }, () => {
      throw new PluginError('No.');
    });
    add('never', { rank: 2 });
    await expect(
      runner.run(buildContext({ message: 'Create', entity: 'contact', stage: 20, target })),
    ).rejects.toThrow('No.');
    expect(order).toEqual(['refuses']);
  });

  it('skips an Update step when none of its filtering attributes changed', async () => {
    const { runner, order, add } = setup();
    add('on-email', { message: 'Update', filteringAttributes: ['emailaddress1'] });
    add('on-any', { message: 'Update' });
    await runner.run(buildContext({ message: 'Update', entity: 'contact', stage: 20, target }));
    expect(order).toEqual(['on-any']);
  });

  it('hands pre- and post-images to the handler by name', async () => {
    const { runner, add } = setup();
    const pre = { logicalName: 'contact', id: '1', attributes: { firstname: 'Old' } };
    let name: unknown;
    add('images', { message: 'Update' }, (e) => (name = e.preImage('before')?.attributes.firstname));
    await runner.run(
      buildContext({ message: 'Update', entity: 'contact', stage: 20, target, preImages: { before: pre } }),
    );
    expect(name).toBe('Old');
  });

  it('runs only the named step when the context names one', async () => {
    const { runner, order, add } = setup();
    add('first');
    add('second');
    await runner.run(buildContext({ message: 'Create', entity: 'contact', stage: 20, target }), {
      stepName: 'second',
    });
    expect(order).toEqual(['second']);
  });

  it('marks the Target read-only at PostOperation', async () => {
    const { runner, add } = setup();
    let writable: boolean | undefined;
    add('post', { stage: 40 }, (e) => (writable = e.targetWritable));
    await runner.run(buildContext({ message: 'Create', entity: 'contact', stage: 40, target }));
    expect(writable).toBe(false);
  });
});

describe('StepRegistry', () => {
  it('rejects an asynchronous step outside PostOperation', () => {
    expect(() =>
      new StepRegistry().register({ ...base, name: 'x', handler: 'x', mode: 1 }, async () => {}),
    ).toThrow(/asynchronous steps run only at PostOperation/);
  });

  it('rejects filtering attributes on a message other than Update', () => {
    const step = { ...base, name: 'x', handler: 'x', filteringAttributes: ['a'] };
    expect(() => new StepRegistry().register(step, async () => {})).toThrow(/apply to Update only/);
  });

  it('rejects a second step with the same name', () => {
    const registry = new StepRegistry();
    registry.register({ ...base, name: 'x', handler: 'x' }, async () => {});
    expect(() => registry.register({ ...base, name: 'x', handler: 'x' }, async () => {})).toThrow(
      /registered twice/,
    );
  });
});
