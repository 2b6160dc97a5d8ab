import { createStepRegistry, declaredSteps, HANDLERS } from '../../plugins/handlers';

describe('solution/webhook-steps.json', () => {
  it('names only handlers that exist', () => {
    for (const step of declaredSteps()) expect(Object.keys(HANDLERS)).toContain(step.handler);
  });

  it('passes the registry rules (stages, async only at PostOperation, unique names)', () => {
    expect(createStepRegistry().all()).toHaveLength(declaredSteps().length);
  });

  it('validates new invitations synchronously before they are written', () => {
    const step = createStepRegistry().select({
      message: 'Create',
      entity: 'adx_invitation',
      stage: 20,
      mode: 0,
    });
    expect(step.map((s) => s.handler)).toEqual(['invitation-create']);
  });

  it('applies redemptions asynchronously after they are committed', () => {
    const step = createStepRegistry().select({
      message: 'Create',
      entity: 'adx_inviteredemption',
      stage: 40,
      mode: 1,
    });
    expect(step.map((s) => s.handler)).toEqual(['invitation-redeem']);
  });
});
