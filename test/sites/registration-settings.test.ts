/**
 * How one registration setting reads for a site: the portal's boolean parsing, Microsoft's
 * documented defaults when a site has no row (or none it can read), and rows that disagree.
 */
import type { SiteSettingRecord } from '../../sdk/entities/index';
import {
  displayValue,
  parseSettingValue,
  readRegistrationSettings,
  readSetting,
  REGISTRATION_SETTINGS,
} from '../../sdk/sites/index';

const row = (name: string, value: string | undefined, id = `id-${name}-${value}`): SiteSettingRecord => ({
  id,
  name,
  value,
});

describe('parseSettingValue (as .NET parses a boolean)', () => {
  test.each([
    ['true', true],
    ['false', false],
    ['True', true],
    ['FALSE', false],
    ['  true ', true],
  ])('%j is %s', (text, expected) => expect(parseSettingValue(text)).toBe(expected));

  test.each([['yes'], ['1'], [''], ['tru e']])('%j is not a boolean', (text) =>
    expect(parseSettingValue(text)).toBeUndefined(),
  );

  test('an empty value is not a boolean', () => expect(parseSettingValue(undefined)).toBeUndefined());
});

describe("Microsoft's documented defaults", () => {
  test('names and defaults of the six settings', () => {
    expect(Object.values(REGISTRATION_SETTINGS).map((s) => [s.name, s.default])).toEqual([
      ['Authentication/Registration/Enabled', true],
      ['Authentication/Registration/InvitationEnabled', true],
      ['Authentication/Registration/OpenRegistrationEnabled', true],
      ['Authentication/Registration/RequiresInvitation', false],
      ['Authentication/Registration/LocalLoginEnabled', true],
      ['Authentication/Registration/ExternalLoginEnabled', true],
    ]);
  });

  test('a setting the site has no row for takes its default', () => {
    expect(readSetting('requiresInvitation', [])).toMatchObject({ value: false, source: 'default' });
    expect(readSetting('openRegistrationEnabled', [])).toMatchObject({ value: true, source: 'default' });
  });

  test('a value the portal cannot parse is ignored: the default applies, and the check says so', () => {
    const reading = readSetting('openRegistrationEnabled', [
      row(REGISTRATION_SETTINGS.openRegistrationEnabled.name, 'no'),
    ]);
    expect(reading).toMatchObject({ value: true, source: 'default' });
    expect(reading.problem).toContain('"no" is not true or false');
  });
});

describe('stored rows', () => {
  const name = REGISTRATION_SETTINGS.openRegistrationEnabled.name;

  test('a stored value decides, in any letter case', () => {
    expect(readSetting('openRegistrationEnabled', [row(name, 'False')])).toMatchObject({
      value: false,
      source: 'stored',
    });
  });

  test('rows that disagree are reported, and the check assumes the value that lets people in', () => {
    const reading = readSetting('openRegistrationEnabled', [row(name, 'false'), row(name, 'true')]);
    expect(reading.value).toBe(true);
    expect(reading.problem).toContain('different values');
  });

  test('for RequiresInvitation the value that lets people in is false', () => {
    const requires = REGISTRATION_SETTINGS.requiresInvitation.name;
    expect(readSetting('requiresInvitation', [row(requires, 'true'), row(requires, 'false')]).value).toBe(
      false,
    );
  });

  test('duplicate rows that agree are only noted', () => {
    const reading = readSetting('openRegistrationEnabled', [
      row(name, 'false', 'a'),
      row(name, 'FALSE', 'b'),
    ]);
    expect(reading).toMatchObject({ value: false, source: 'stored' });
    expect(reading.problem).toContain('they agree');
  });

  test('names are matched without letter case; other settings are ignored', () => {
    const readings = readRegistrationSettings([
      row('authentication/registration/openregistrationenabled', 'false'),
      row('Search/Enabled', 'false'),
    ]);
    expect(readings.openRegistrationEnabled).toMatchObject({ value: false, source: 'stored' });
    expect(readings.enabled).toMatchObject({ value: true, source: 'default' });
  });

  test('the table shows the stored text, or the default', () => {
    expect(displayValue(readSetting('enabled', []))).toBe('(default: true)');
    expect(displayValue(readSetting('openRegistrationEnabled', [row(name, 'False')]))).toBe('False');
    expect(displayValue(readSetting('openRegistrationEnabled', [row(name, 'maybe')]))).toBe(
      'maybe (unreadable; default: true)',
    );
  });
});
