import { recordSolution, solutionPublisher, solutionWorkflowIds } from '../../../emulator/solution-records';
import type { SolutionManifest } from '../../../sdk/solutions/index';
import { FakeOperations, testContext } from './support/fake-operations';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

function manifest(overrides: Partial<SolutionManifest> = {}): SolutionManifest {
  return {
    uniqueName: 'Sample',
    friendlyName: 'Sample',
    description: '',
    version: '1.0.0.0',
    managed: false,
    publisher: { uniqueName: 'samples', friendlyName: 'Samples', prefix: 'smp', optionValuePrefix: '20000' },
    workflowIds: [A],
    ...overrides,
  };
}

describe('solution records', () => {
  it('records each workflow as a type 29 component of the solution', async () => {
    const ops = new FakeOperations();
    const solutionId = await recordSolution(ops, testContext(), manifest(), [A, B.toUpperCase()]);
    expect(solutionWorkflowIds(ops, solutionId)).toEqual([A, B]);
    expect(ops.find('solutioncomponent')[0].values).toMatchObject({
      componenttype: 29,
      rootcomponentbehavior: 0,
    });
  });

  it('adds no second component when a solution is recorded again', async () => {
    const ops = new FakeOperations();
    await recordSolution(ops, testContext(), manifest(), [A]);
    const solutionId = await recordSolution(ops, testContext(), manifest({ version: '1.1.0.0' }), [A, B]);
    expect(solutionWorkflowIds(ops, solutionId)).toEqual([A, B]);
    expect(ops.find('solution')).toHaveLength(1);
    expect(ops.find('publisher')).toHaveLength(1);
  });

  it('keeps each solution’s components apart', async () => {
    const ops = new FakeOperations();
    await recordSolution(ops, testContext(), manifest(), [A]);
    const other = await recordSolution(ops, testContext(), manifest({ uniqueName: 'Other' }), [B]);
    expect(solutionWorkflowIds(ops, other)).toEqual([B]);
  });

  it('uses the fixed ids it is given', async () => {
    const ops = new FakeOperations();
    const ids = { publisherId: 'p', solutionId: 's', componentIds: { [A]: 'c' } };
    expect(await recordSolution(ops, testContext(), manifest(), [A], ids)).toBe('s');
    expect(ops.retrieve('solutioncomponent', 'c')?.values.objectid).toBe(A);
    expect(ops.retrieve('publisher', 'p')).toBeDefined();
  });

  it('reads the publisher back from the solution row', async () => {
    const ops = new FakeOperations();
    const solutionId = await recordSolution(ops, testContext(), manifest(), [A]);
    expect(solutionPublisher(ops, ops.retrieve('solution', solutionId)!)).toEqual(manifest().publisher);
  });
});
