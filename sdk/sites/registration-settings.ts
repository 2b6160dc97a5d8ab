/**
 * The site settings that decide who can register on a Power Pages site, with Microsoft's
 * documented defaults, and how the portal reads one: the first active row of that name for the
 * site, its value parsed as .NET parses a boolean (`true`/`false`, any letter case, surrounding
 * spaces ignored); no row, or a value that does not parse, means the default.
 * @see https://learn.microsoft.com/power-pages/security/authentication/set-authentication-identity
 * @see https://learn.microsoft.com/power-pages/configure/configure-site-settings
 */
import type { SiteSettingRecord } from '../entities/index';

/** "Local authentication, registration, and other settings": the defaults of five of the six. */
const IDENTITY_DOC =
  'https://learn.microsoft.com/power-pages/security/authentication/set-authentication-identity';
/** "Configure site settings": RequiresInvitation, default false. */
const SITE_SETTINGS_DOC = 'https://learn.microsoft.com/power-pages/configure/configure-site-settings';

/** One registration setting: its full name, the portal's default, and where that is documented. */
export interface RegistrationSettingDefinition {
  /** The site setting's name, e.g. `Authentication/Registration/Enabled`. */
  readonly name: string;
  /** The value the portal uses when the site has no (usable) row of this name. */
  readonly default: boolean;
  /** The short name used in messages: `OpenRegistrationEnabled`. */
  readonly label: string;
  /** Microsoft's page that documents the setting and its default. */
  readonly doc: string;
}

function setting(suffix: string, defaultValue: boolean, doc = IDENTITY_DOC): RegistrationSettingDefinition {
  return { name: `Authentication/Registration/${suffix}`, default: defaultValue, label: suffix, doc };
}

/** The six settings, in the order a check shows them. */
export const REGISTRATION_SETTINGS = {
  /** "Enables or disables all forms of user registration." Default true. */
  enabled: setting('Enabled', true),
  /** "Enables or disables the invitation code redemption form." Default true. */
  invitationEnabled: setting('InvitationEnabled', true),
  /** "Enables or disables the sign-up registration form." Default true. */
  openRegistrationEnabled: setting('OpenRegistrationEnabled', true),
  /** "True enables invitation code feature and disables open registration." Default false. */
  requiresInvitation: setting('RequiresInvitation', false, SITE_SETTINGS_DOC),
  /** "Enables or disables local account sign-in." Default true. */
  localLoginEnabled: setting('LocalLoginEnabled', true),
  /** "Enables or disables external account sign-in and registration." Default true. */
  externalLoginEnabled: setting('ExternalLoginEnabled', true),
} as const satisfies Record<string, RegistrationSettingDefinition>;

/** A registration setting's key: `enabled`, `openRegistrationEnabled`... */
export type RegistrationSettingKey = keyof typeof REGISTRATION_SETTINGS;

/** The keys in display order. */
export const REGISTRATION_SETTING_KEYS = Object.keys(REGISTRATION_SETTINGS) as RegistrationSettingKey[];

/** The value of each setting that lets people in (used when rows disagree: the unsafe side). */
const PERMISSIVE: Record<RegistrationSettingKey, boolean> = {
  enabled: true,
  invitationEnabled: true,
  openRegistrationEnabled: true,
  requiresInvitation: false,
  localLoginEnabled: true,
  externalLoginEnabled: true,
};

/** A stored value as the portal parses it: true, false, or undefined when it is not a boolean. */
export function parseSettingValue(text: string | undefined | null): boolean | undefined {
  const value = text?.trim().toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** How one setting reads for one site. */
export interface SettingReading {
  key: RegistrationSettingKey;
  /** The full setting name. */
  name: string;
  /** The value the check decides with. */
  value: boolean;
  /** `stored`: a row decides; `default`: no usable row, the documented default applies. */
  source: 'stored' | 'default';
  /** The documented default. */
  default: boolean;
  /** The site's active rows of this name (usually one). */
  rows: SiteSettingRecord[];
  /** A row the portal cannot use, or rows that disagree: what is wrong, in words. */
  problem?: string;
}

/** Reads one setting from the site's active rows of that name. */
export function readSetting(key: RegistrationSettingKey, rows: readonly SiteSettingRecord[]): SettingReading {
  const def = REGISTRATION_SETTINGS[key];
  const base = { key, name: def.name, default: def.default, rows: [...rows] };
  const fallback = `the portal ignores it and uses the default (${def.default})`;
  if (rows.length === 0) return { ...base, value: def.default, source: 'default' };
  const parsed = rows.map((r) => parseSettingValue(r.value));
  const usable = [...new Set(parsed.filter((v): v is boolean => v !== undefined))];
  const shown = rows.map((r) => JSON.stringify(r.value ?? '')).join(', ');
  if (usable.length === 0) {
    const what = rows.length === 1 ? `${shown} is not true or false` : `none of ${shown} is true or false`;
    return { ...base, value: def.default, source: 'default', problem: `${what}; ${fallback}` };
  }
  if (usable.length > 1) {
    const value = PERMISSIVE[key];
    return {
      ...base,
      value,
      source: 'stored',
      problem: `${rows.length} rows have this name with different values (${shown}); the portal uses whichever it finds first, so the check assumes ${value}`,
    };
  }
  const problem =
    parsed.includes(undefined) && rows.length > 1
      ? `${rows.length} rows have this name (${shown}); the portal uses whichever it finds first, and one it cannot read would mean the default (${def.default})`
      : rows.length > 1
        ? `${rows.length} rows have this name; the portal uses the first it finds (they agree)`
        : undefined;
  return { ...base, value: usable[0], source: 'stored', ...(problem ? { problem } : {}) };
}

/** Every registration setting of a site, read from its active rows (any name; others are ignored). */
export function readRegistrationSettings(
  rows: readonly SiteSettingRecord[],
): Record<RegistrationSettingKey, SettingReading> {
  const byName = new Map<string, SiteSettingRecord[]>();
  for (const row of rows) {
    // Setting names are matched without letter case, as Dataverse compares strings.
    const key = row.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), row]);
  }
  return Object.fromEntries(
    REGISTRATION_SETTING_KEYS.map((key) => [
      key,
      readSetting(key, byName.get(REGISTRATION_SETTINGS[key].name.toLowerCase()) ?? []),
    ]),
  ) as Record<RegistrationSettingKey, SettingReading>;
}

/** A setting's value for a table: the stored text, or `(default: true)`. */
export function displayValue(reading: SettingReading): string {
  if (reading.rows.length === 0) return `(default: ${reading.default})`;
  const stored = [...new Set(reading.rows.map((r) => r.value ?? ''))].join(' / ');
  return reading.source === 'default' ? `${stored} (unreadable; default: ${reading.default})` : stored;
}
