/**
 * `SiteRegistrationService`: is a Power Pages site invitation-only, and if not, exactly what lets
 * people in without a code; and `makeInvitationOnly` to write the settings that close it. Works on
 * sites of both data models, chosen with SiteService's rule (an id or a name; with no name, the
 * environment's one site).
 */
import type { DataverseApi } from '../client/api';
import { InvalidArgumentError } from '../errors';
import { isConcurrencyConflict, isDuplicate, isStatus } from '../invitations/odata';
import { planInvitationOnly, type SettingWrite } from './registration-check';
import { REGISTRATION_SETTINGS } from './registration-settings';
import { available, describeSite, loadSiteDirectory, matchSite } from './site-directory';
import {
  applySettingWrites,
  readSiteRegistration,
  siteSettingRowId,
  type SiteRegistration,
} from './site-settings';
import type { Site, SiteDirectory } from './types';

/** Options of {@link SiteRegistrationService.makeInvitationOnly}. */
export interface MakeInvitationOnlyOptions {
  /** Plan the writes and return them without writing anything. */
  dryRun?: boolean;
  /** Stops the requests. */
  signal?: AbortSignal;
}

/** What {@link SiteRegistrationService.makeInvitationOnly} found and did. */
export interface InvitationOnlyResult {
  site: Site;
  /** The settings as read before writing. */
  before: SiteRegistration;
  /** The writes made (or, with `dryRun`, that would be made); empty when nothing needed changing. */
  writes: SettingWrite[];
  /** True when the writes were committed. */
  applied: boolean;
  /** The settings read again after writing (absent for a dry run). */
  after?: SiteRegistration;
}

/** Options of {@link SiteRegistrationService}. */
export interface SiteRegistrationServiceOptions {
  /** Rounds of read, plan, write when another writer changes the same settings meanwhile; default 3. */
  attempts?: number;
}

/**
 * The site a reference names, or the environment's only site when none is given.
 * @throws InvalidArgumentError('site') for an unknown or ambiguous name, or no name with 0 or several sites
 */
export function chooseSite(directory: SiteDirectory, ref?: string): Site {
  if (ref !== undefined && ref.trim() !== '') {
    const match = matchSite(directory.sites, ref);
    if (match.site) return match.site;
    throw new InvalidArgumentError('site', `Unknown site "${ref.trim()}": ${match.problem}`);
  }
  if (directory.sites.length === 1) return directory.sites[0];
  if (directory.sites.length === 0) throw new InvalidArgumentError('site', available(directory.sites));
  throw new InvalidArgumentError(
    'site',
    `This environment has ${directory.sites.length} sites: ${directory.sites.map(describeSite).join(', ')}. Name the site (the \`site\` argument; --site <name|id> on the command line).`,
  );
}

/** Checks and closes registration of Power Pages sites. */
export class SiteRegistrationService {
  private readonly attempts: number;

  constructor(
    private readonly client: DataverseApi,
    options: SiteRegistrationServiceOptions = {},
  ) {
    this.attempts = Math.max(1, options.attempts ?? 3);
  }

  /** The site (see {@link chooseSite}) with its registration settings and the verdict; only GETs. */
  async check(site?: string, options: { signal?: AbortSignal } = {}): Promise<SiteRegistration> {
    const chosen = chooseSite(await loadSiteDirectory(this.client, options.signal), site);
    return readSiteRegistration(this.client, chosen, options.signal);
  }

  /**
   * Writes what makes the site invitation-only: OpenRegistrationEnabled false, RequiresInvitation,
   * InvitationEnabled and Registration/Enabled true, each stored explicitly, in one change set.
   * Updates are guarded by the row version read and created rows have an id per (site, setting),
   * so when another writer gets in between, the settings are read and planned again (bounded).
   * Sign-in methods are left as they are: which to offer is the administrator's choice.
   */
  async makeInvitationOnly(
    site?: string,
    options: MakeInvitationOnlyOptions = {},
  ): Promise<InvitationOnlyResult> {
    const { signal } = options;
    const chosen = chooseSite(await loadSiteDirectory(this.client, signal), site);
    const newRowId = (key: keyof typeof REGISTRATION_SETTINGS) =>
      siteSettingRowId(chosen, REGISTRATION_SETTINGS[key].name);
    let lastConflict: unknown;
    let first: SiteRegistration | undefined;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      const before = await readSiteRegistration(this.client, chosen, signal);
      first ??= before;
      const writes = planInvitationOnly(before.settings, newRowId);
      if (options.dryRun) return { site: chosen, before, writes, applied: false };
      if (writes.length === 0) return { site: chosen, before: first, writes, applied: false, after: before };
      const error = await applySettingWrites(this.client, chosen, writes, signal);
      if (!error) {
        const after = await readSiteRegistration(this.client, chosen, signal);
        return { site: chosen, before: first, writes, applied: true, after };
      }
      // Another writer changed, deleted or created one of these rows first: read and plan again.
      if (!(isConcurrencyConflict(error) || isDuplicate(error) || isStatus(error, 404))) throw error;
      lastConflict = error;
    }
    throw lastConflict;
  }
}
