import {
  parseFilteringAttributes,
  passesFilteringAttributes,
  selectSteps,
  type SelectableStep,
  type StepEvent,
} from '../../sdk/webhooks/index';

type Step = SelectableStep & { name: string };

const step = (name: string, overrides: Partial<Step> = {}): Step => ({
  name,
  message: 'Create',
  entity: 'adx_invitation',
  stage: 20,
  mode: 0,
  rank: 1,
  ...overrides,
});

const event = (overrides: Partial<StepEvent> = {}): StepEvent => ({
  message: 'Create',
  entity: 'adx_invitation',
  stage: 20,
  mode: 0,
  ...overrides,
});

const names = (steps: Step[]) => steps.map((s) => s.name);

describe('selectSteps', () => {
  it('runs lower ranks first and keeps the given order between equal ranks', () => {
    const steps = [step('b', { rank: 2 }), step('a1'), step('c', { rank: 3 }), step('a2')];
    expect(names(selectSteps(steps, event()))).toEqual(['a1', 'a2', 'b', 'c']);
  });

  it('leaves out steps of another message, table, stage or mode', () => {
    const steps = [
      step('match'),
      step('update', { message: 'Update' }),
      step('contact', { entity: 'contact' }),
      step('post', { stage: 40 }),
      step('async', { mode: 1 }),
    ];
    expect(names(selectSteps(steps, event()))).toEqual(['match']);
  });

  it('runs a step registered without a table on every table', () => {
    expect(names(selectSteps([step('any', { entity: undefined })], event({ entity: 'contact' })))).toEqual([
      'any',
    ]);
  });

  it('runs an Update step with filtering attributes only when one of them changed', () => {
    const steps = [step('code', { message: 'Update', filteringAttributes: ['adx_invitationcode'] })];
    const update = (changed: string[]) => names(selectSteps(steps, event({ message: 'Update', changed })));
    expect([update(['adx_name']), update(['adx_name', 'ADX_InvitationCode'])]).toEqual([[], ['code']]);
  });
});

describe('passesFilteringAttributes', () => {
  it('does not filter when the changed columns are not known', () => {
    expect(passesFilteringAttributes({ filteringAttributes: ['a'] }, 'Update', undefined)).toBe(true);
  });

  it('ignores filtering attributes on messages other than Update', () => {
    expect(passesFilteringAttributes({ filteringAttributes: ['a'] }, 'Create', ['b'])).toBe(true);
  });
});

describe('parseFilteringAttributes', () => {
  it('reads a comma-separated list as trimmed lower-case names', () => {
    expect(parseFilteringAttributes(' adx_Name, ,statecode ')).toEqual(['adx_name', 'statecode']);
  });

  it('reads an empty or missing value as no attributes', () => {
    expect([parseFilteringAttributes(null), parseFilteringAttributes('')]).toEqual([[], []]);
  });
});
