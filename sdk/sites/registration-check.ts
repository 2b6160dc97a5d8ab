/**
 * The invitation-only rule over a site's registration settings, and what `--fix` writes. Pure: the
 * settings are read elsewhere (site-settings.ts), so every rule is testable on its own.
 *
 * - Registration (`Enabled`) off: nobody registers, not even with a code (closed).
 * - Open registration on (`OpenRegistrationEnabled`, default true) with a sign-in method: anyone
 *   signs up without a code, with a local account and/or through an external provider. The check
 *   counts it as open even when `RequiresInvitation` is true: Microsoft documents that setting as
 *   disabling open registration, yet its troubleshooting for "users bypass invitation codes" is to
 *   turn open registration off *and* require invitations, so only both together pass.
 * - Otherwise codes must be redeemable: the redemption form on (`InvitationEnabled`, or
 *   `RequiresInvitation`, which "enables invitation code feature") and a way to sign in (local or
 *   external); without them nobody gets in (closed).
 * @see https://learn.microsoft.com/power-pages/security/authentication/configure-site
 */
import type { SiteSettingRecord } from '../entities/index';
import {
  REGISTRATION_SETTINGS,
  REGISTRATION_SETTING_KEYS,
  parseSettingValue,
  type RegistrationSettingKey,
  type SettingReading,
} from './registration-settings';

/** Who can get in, decided from the settings. */
export type RegistrationVerdict = 'invitation-only' | 'open' | 'closed';

/** What the settings allow, once combined. */
export interface RegistrationAccess {
  /** Any registration at all. */
  registration: boolean;
  /** The sign-up form without a code. */
  openRegistration: boolean;
  /** The invitation code redemption form. */
  invitations: boolean;
  localLogin: boolean;
  externalLogin: boolean;
}

/** A site's registration settings judged. */
export interface RegistrationCheck {
  verdict: RegistrationVerdict;
  /** True only for `invitation-only`. */
  invitationOnly: boolean;
  /** Why the site is not invitation-only (empty when it is): each door, in words. */
  reasons: string[];
  /** Things to know that do not change the verdict (unreadable or duplicate rows, advice). */
  warnings: string[];
  access: RegistrationAccess;
}

type Readings = Record<RegistrationSettingKey, SettingReading>;

/** `OpenRegistrationEnabled is true (default)`. */
function is(reading: SettingReading): string {
  const label = REGISTRATION_SETTINGS[reading.key].label;
  return `${label} is ${reading.value}${reading.source === 'default' ? ' (default)' : ''}`;
}

/** Combines the settings into what they allow. */
export function registrationAccess(s: Readings): RegistrationAccess {
  const registration = s.enabled.value;
  return {
    registration,
    openRegistration: registration && s.openRegistrationEnabled.value,
    invitations: registration && (s.invitationEnabled.value || s.requiresInvitation.value),
    localLogin: s.localLoginEnabled.value,
    externalLogin: s.externalLoginEnabled.value,
  };
}

/** Judges a site's registration settings; see the file comment for the rule. */
export function checkRegistration(s: Readings): RegistrationCheck {
  const access = registrationAccess(s);
  const warnings = REGISTRATION_SETTING_KEYS.filter((k) => s[k].problem).map(
    (k) => `${s[k].name}: ${s[k].problem}`,
  );
  const signIn = access.localLogin || access.externalLogin;
  const noSignIn = `${is(s.localLoginEnabled)} and ${is(s.externalLoginEnabled)}: nobody can sign in, so nobody can register or redeem a code`;
  const result = (verdict: RegistrationVerdict, reasons: string[]): RegistrationCheck => ({
    verdict,
    invitationOnly: verdict === 'invitation-only',
    reasons,
    warnings,
    access,
  });
  if (!access.registration)
    return result('closed', [`${is(s.enabled)}: nobody can register, not even with an invitation code`]);
  if (access.openRegistration && signIn) {
    const also = s.requiresInvitation.value
      ? ` (${is(s.requiresInvitation)}, which Microsoft documents as turning open registration off, but its guidance for invitation-only sites is to turn OpenRegistrationEnabled off as well)`
      : '';
    const doors: string[] = [];
    if (access.localLogin)
      doors.push(`${is(s.openRegistrationEnabled)}: anyone can sign up with a local account${also}`);
    if (access.externalLogin)
      doors.push(
        `${is(s.openRegistrationEnabled)}: anyone can sign up with an external provider (signing in with a provider account creates a contact)${also}`,
      );
    return result('open', doors);
  }
  if (!signIn) return result('closed', [noSignIn]);
  if (!access.invitations)
    return result('closed', [
      `${is(s.invitationEnabled)} and ${is(s.requiresInvitation)}: invitation codes cannot be redeemed, so nobody can register`,
    ]);
  if (!s.requiresInvitation.value)
    warnings.push(
      `${is(s.requiresInvitation)}: Microsoft's guidance for invitation-only sites is to set it to true as well; --fix does`,
    );
  return result('invitation-only', []);
}

/** The values that make a site invitation-only (what `--fix` writes). */
export const INVITATION_ONLY_SETTINGS: Readonly<Partial<Record<RegistrationSettingKey, boolean>>> = {
  enabled: true,
  invitationEnabled: true,
  openRegistrationEnabled: false,
  requiresInvitation: true,
};

/** One write of `--fix`: a row to create or a row's value to change. */
export interface SettingWrite {
  key: RegistrationSettingKey;
  /** The setting's full name. */
  name: string;
  action: 'create' | 'update';
  /** The row: the existing one, or the id the new one gets. */
  rowId: string;
  /** What it is now: the stored text, or `(none; default: true)`. */
  from: string;
  /** What is written: `true` or `false`. */
  to: string;
  /** The row version an update is guarded by. */
  etag?: string;
}

/**
 * The writes that make the site invitation-only: each of {@link INVITATION_ONLY_SETTINGS} stored
 * explicitly (a missing row is created even where the default agrees, so the site no longer
 * depends on defaults), every active row of that name changed whose value is not already the
 * target (any letter case counts). `newRowId(key)` chooses a created row's id.
 */
export function planInvitationOnly(
  s: Readings,
  newRowId: (key: RegistrationSettingKey) => string,
): SettingWrite[] {
  const writes: SettingWrite[] = [];
  for (const key of REGISTRATION_SETTING_KEYS) {
    const target = INVITATION_ONLY_SETTINGS[key];
    if (target === undefined) continue;
    const { name, rows } = s[key];
    const to = String(target);
    if (rows.length === 0) {
      writes.push({
        key,
        name,
        action: 'create',
        rowId: newRowId(key),
        from: `(none; default: ${s[key].default})`,
        to,
      });
      continue;
    }
    for (const row of rows.filter((r: SiteSettingRecord) => parseSettingValue(r.value) !== target)) {
      writes.push({ key, name, action: 'update', rowId: row.id, from: row.value ?? '', to, etag: row.etag });
    }
  }
  return writes;
}
