/**
 * The invitation-only rule over a site's registration settings, one case per test, and what
 * `--fix` plans to write. Settings are given as stored text; a missing one takes its default.
 */
import type { SiteSettingRecord } from '../../sdk/entities/index';
import {
  checkRegistration,
  planInvitationOnly,
  readRegistrationSettings,
  REGISTRATION_SETTINGS,
  type RegistrationSettingKey,
} from '../../sdk/sites/index';

type Stored = Partial<Record<RegistrationSettingKey, string | string[]>>;

function readings(stored: Stored) {
  const rows: SiteSettingRecord[] = [];
  for (const [key, value] of Object.entries(stored) as [RegistrationSettingKey, string | string[]][]) {
    for (const [i, v] of [value].flat().entries())
      rows.push({ id: `${key}-${i}`, name: REGISTRATION_SETTINGS[key].name, value: v, etag: `W/"${i}"` });
  }
  return readRegistrationSettings(rows);
}
const check = (stored: Stored) => checkRegistration(readings(stored));

describe('verdict', () => {
  test('with no settings at all (every default) anyone can sign up, locally and externally', () => {
    const result = check({});
    expect(result.verdict).toBe('open');
    expect(result.invitationOnly).toBe(false);
    expect(result.reasons).toEqual([
      'OpenRegistrationEnabled is true (default): anyone can sign up with a local account',
      'OpenRegistrationEnabled is true (default): anyone can sign up with an external provider (signing in with a provider account creates a contact)',
    ]);
  });

  test('open registration with only local sign-in names only the local door', () => {
    const result = check({ openRegistrationEnabled: 'true', externalLoginEnabled: 'false' });
    expect(result.reasons).toEqual([
      'OpenRegistrationEnabled is true: anyone can sign up with a local account',
    ]);
  });

  test('open registration with only external sign-in names only the external door', () => {
    const result = check({ localLoginEnabled: 'false' });
    expect(result.reasons).toHaveLength(1);
    expect(result.reasons[0]).toContain('with an external provider');
  });

  test('RequiresInvitation alone does not pass while open registration is on', () => {
    const result = check({ requiresInvitation: 'true' });
    expect(result.verdict).toBe('open');
    expect(result.reasons[0]).toContain('RequiresInvitation is true');
    expect(result.reasons[0]).toContain('turn OpenRegistrationEnabled off as well');
  });

  test('open registration off with invitations on is invitation-only', () => {
    const result = check({ openRegistrationEnabled: 'false', requiresInvitation: 'true' });
    expect(result).toMatchObject({
      verdict: 'invitation-only',
      invitationOnly: true,
      reasons: [],
      warnings: [],
    });
  });

  test('invitation-only without RequiresInvitation true comes with Microsoft’s advice', () => {
    const result = check({ openRegistrationEnabled: 'false' });
    expect(result.verdict).toBe('invitation-only');
    expect(result.warnings).toEqual([expect.stringContaining('RequiresInvitation is false (default)')]);
  });

  test('registration disabled is closed: not even a code gets in', () => {
    const result = check({ enabled: 'false', openRegistrationEnabled: 'false' });
    expect(result.verdict).toBe('closed');
    expect(result.reasons).toEqual([
      'Enabled is false: nobody can register, not even with an invitation code',
    ]);
  });

  test('invitations off with open registration off is closed', () => {
    const result = check({ openRegistrationEnabled: 'false', invitationEnabled: 'false' });
    expect(result.verdict).toBe('closed');
    expect(result.reasons[0]).toContain('invitation codes cannot be redeemed');
  });

  test('RequiresInvitation turns the invitation form on even when InvitationEnabled is false', () => {
    const result = check({
      openRegistrationEnabled: 'false',
      invitationEnabled: 'false',
      requiresInvitation: 'true',
    });
    expect(result.verdict).toBe('invitation-only');
  });

  test('no sign-in method at all is closed', () => {
    const result = check({
      openRegistrationEnabled: 'false',
      localLoginEnabled: 'false',
      externalLoginEnabled: 'false',
    });
    expect(result.verdict).toBe('closed');
    expect(result.reasons[0]).toContain('nobody can sign in');
  });

  test('rows that disagree count as the open value and are warned about', () => {
    const result = check({ openRegistrationEnabled: ['false', 'true'], requiresInvitation: 'true' });
    expect(result.verdict).toBe('open');
    expect(result.warnings[0]).toContain('Authentication/Registration/OpenRegistrationEnabled: 2 rows');
  });

  test('an unreadable OpenRegistrationEnabled means its default: open', () => {
    const result = check({ openRegistrationEnabled: 'no', requiresInvitation: 'true' });
    expect(result.verdict).toBe('open');
    expect(result.reasons[0]).toContain('OpenRegistrationEnabled is true (default)');
    expect(result.warnings[0]).toContain('"no" is not true or false');
  });
});

describe('planInvitationOnly', () => {
  const newId = (key: RegistrationSettingKey) => `new-${key}`;

  test('a site with no settings gets the four settings created explicitly', () => {
    const plan = planInvitationOnly(readings({}), newId);
    expect(plan.map((w) => [w.name, w.action, w.to, w.rowId])).toEqual([
      ['Authentication/Registration/Enabled', 'create', 'true', 'new-enabled'],
      ['Authentication/Registration/InvitationEnabled', 'create', 'true', 'new-invitationEnabled'],
      [
        'Authentication/Registration/OpenRegistrationEnabled',
        'create',
        'false',
        'new-openRegistrationEnabled',
      ],
      ['Authentication/Registration/RequiresInvitation', 'create', 'true', 'new-requiresInvitation'],
    ]);
  });

  test('a wrong stored value is updated, guarded by its row version', () => {
    const plan = planInvitationOnly(
      readings({
        enabled: 'true',
        invitationEnabled: 'true',
        openRegistrationEnabled: 'true',
        requiresInvitation: 'true',
      }),
      newId,
    );
    expect(plan).toEqual([
      expect.objectContaining({
        key: 'openRegistrationEnabled',
        action: 'update',
        rowId: 'openRegistrationEnabled-0',
        from: 'true',
        to: 'false',
        etag: 'W/"0"',
      }),
    ]);
  });

  test('a value already right in another letter case is left alone', () => {
    const plan = planInvitationOnly(
      readings({
        enabled: 'TRUE',
        invitationEnabled: 'True',
        openRegistrationEnabled: 'False',
        requiresInvitation: ' true ',
      }),
      newId,
    );
    expect(plan).toEqual([]);
  });

  test('every duplicate row with a wrong or unreadable value is updated', () => {
    const plan = planInvitationOnly(
      readings({
        enabled: 'true',
        invitationEnabled: 'true',
        requiresInvitation: 'true',
        openRegistrationEnabled: ['true', 'false', 'nope'],
      }),
      newId,
    );
    expect(plan.map((w) => w.rowId)).toEqual(['openRegistrationEnabled-0', 'openRegistrationEnabled-2']);
  });

  test('sign-in settings are never written', () => {
    const plan = planInvitationOnly(
      readings({ localLoginEnabled: 'false', externalLoginEnabled: 'false' }),
      newId,
    );
    expect(plan.map((w) => w.key)).not.toContain('localLoginEnabled');
    expect(plan.map((w) => w.key)).not.toContain('externalLoginEnabled');
  });
});
