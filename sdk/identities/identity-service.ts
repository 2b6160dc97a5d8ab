/**
 * `IdentityService`: the external sign-ins (adx_externalidentity) of portal contacts, as an
 * administrator manages them: list a contact's sign-ins, link one before the person redeems (or to
 * repair a link), unlink one that is wrong. Redemption links sign-ins by itself (see
 * `InvitationService.redeem` with `{ externalLogin }`); this is the manual door.
 */
import { randomUUID } from 'node:crypto';
import type { DataverseApi } from '../client/api';
import type { ExternalIdentityRecord } from '../entities/index';
import { contactIdOf } from './contact-ref';
import { findSignInRows, listSignIns, type IdentityMatch } from './identity-reads';
import { linkSignIn, type LinkResult } from './identity-link';
import { unlinkSignIn, type UnlinkResult, type UnlinkTarget } from './identity-unlink';
import { validateExternalLogin, type ExternalLogin } from './login';

/** Options for {@link IdentityService}. */
export interface IdentityServiceOptions {
  /** Injected for tests: new GUIDs (the security stamps unlink writes); default random UUIDs. */
  newId?: () => string;
}

/** A contact's sign-ins. */
export interface ContactSignIns {
  contactId: string;
  /** Its adx_externalidentity rows, any state, oldest first. */
  identities: ExternalIdentityRecord[];
}

/**
 * Lists, links and unlinks the external sign-ins of portal contacts.
 * @example
 * const identities = new IdentityService(client);
 * await identities.link('ada@example.com', { provider: 'https://login.microsoftonline.com/<tenant>/v2.0', subject: '<sub>' });
 */
export class IdentityService {
  private readonly newId: () => string;

  constructor(
    private readonly client: DataverseApi,
    options: IdentityServiceOptions = {},
  ) {
    this.newId = options.newId ?? randomUUID;
  }

  /** The sign-ins of a contact (its id, or the e-mail of one Active contact). */
  async list(contact: string): Promise<ContactSignIns> {
    const contactId = await contactIdOf(this.client, contact);
    return { contactId, identities: await listSignIns(this.client, contactId) };
  }

  /** The rows that hold a sign-in, with their contacts (usually one, or none). */
  find(login: ExternalLogin): Promise<IdentityMatch[]> {
    validateExternalLogin(login);
    return findSignInRows(this.client, login);
  }

  /**
   * Links a sign-in to an Active contact (id or e-mail); race-safe (at most one link per sign-in).
   * @throws InvitationError `identity_in_use` when another contact holds it; nothing is written then
   */
  link(contact: string, login: ExternalLogin): Promise<LinkResult> {
    return linkSignIn(this.client, contact, login);
  }

  /**
   * Removes a sign-in (one row by id, or a contact's rows of one sign-in) and gives the contact a
   * new security stamp, in one change set. With `dryRun`, only reports what it would remove.
   * @throws InvitationError `not_found` when there is nothing to remove
   */
  unlink(target: UnlinkTarget, options: { dryRun?: boolean } = {}): Promise<UnlinkResult> {
    return unlinkSignIn(this.client, target, { dryRun: options.dryRun, newId: this.newId });
  }
}
