import { buildCreateInput } from '../../../scripts/commands/invite-create';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('invite create options', () => {
  it('makes a single invitation for one contact', () => {
    expect(buildCreateInput({ contact: ['a@example.com'] }, NOW)).toEqual({
      type: 'single',
      contact: 'a@example.com',
    });
  });

  it('makes a group invitation for several contacts', () => {
    expect(buildCreateInput({ contact: ['a@example.com', 'b@example.com'], max: 5 }, NOW)).toEqual({
      type: 'group',
      contacts: ['a@example.com', 'b@example.com'],
      maxRedemptions: 5,
    });
  });

  it('passes roles, account, workflow, owner, inviter, code and name through', () => {
    expect(
      buildCreateInput(
        {
          contact: ['a@example.com'],
          role: ['Partners'],
          account: 'Contoso',
          workflow: 'Welcome',
          owner: '{0F0D6D3E-1C49-4F7B-9D0E-5A2B7C0E0001}',
          inviter: 'i',
          code: 'c',
          name: 'n',
        },
        NOW,
      ),
    ).toMatchObject({
      webRoles: ['Partners'],
      account: 'Contoso',
      redemptionWorkflow: 'Welcome',
      owner: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0001',
      inviter: 'i',
      code: 'c',
      name: 'n',
    });
  });

  it('turns --expires 30d into a date', () => {
    expect(buildCreateInput({ contact: ['a@example.com'], expires: '30d' }, NOW).expiresOn).toEqual(
      new Date('2026-01-31T00:00:00Z'),
    );
  });

  it('refuses --max on a single invitation as bad usage', () => {
    expect(() => buildCreateInput({ type: 'single', max: 3 }, NOW)).toThrow(
      expect.objectContaining({ exitCode: 2 }),
    );
  });

  it('refuses a single invitation without --contact as bad usage', () => {
    expect(() => buildCreateInput({}, NOW)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it('allows a group invitation without contacts (anyone with the code redeems it)', () => {
    expect(buildCreateInput({ type: 'group', max: 5 }, NOW)).toEqual({ type: 'group', maxRedemptions: 5 });
  });

  it('refuses an unknown type as bad usage', () => {
    expect(() => buildCreateInput({ type: 'team' as 'single' }, NOW)).toThrow(
      '--type must be single or group',
    );
  });
});
