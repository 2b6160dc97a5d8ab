/**
 * `InvitationService`: the invitation lifecycle over one Dataverse environment. Each method is a thin
 * door onto a module that holds its logic (create.ts, create-many.ts, send.ts, queries.ts, redeem.ts).
 */
import { randomUUID } from 'node:crypto';
import type { DataverseApi } from '../client/api';
import { SEND_INVITATION_WORKFLOW_NAME } from '../entities/index';
import {
  applyRedemptionById,
  type ApplyRedemptionOptions,
  type ApplyRedemptionResult,
} from './apply-redemption';
import { parseGuid } from '../entities/guid';
import { createInvitation } from './create';
import { createManyInvitations } from './create-many';
import { explainInvitation } from './explain';
import type { ExplainWho, InvitationExplanation } from './explain-types';
import { findInvitationByCode, listInvitations, revokeInvitation } from './queries';
import { redeemInvitation } from './redeem';
import { reissueInvitation, type ReissueOptions, type ReissueResult } from './reissue';
import { undoRedemption, type UndoRedemptionOptions, type UndoRedemptionResult } from './undo-redemption';
import { sendInvitations } from './send';
import type {
  CreatedInvitation,
  CreateInvitationInput,
  CreateManyOptions,
  CreateManyResult,
  InvitationDetails,
  InvitationListStatus,
  RedeemOptions,
  RedemptionRequest,
  RedemptionResult,
  SendResult,
} from './types';

/** Per-call options of {@link InvitationService.send}. */
export interface SendCallOptions {
  /** E-mail invitations already sent (status Sent or a succeeded job) again; default false. */
  resend?: boolean;
  /** Once aborted, no further invitation is started; those in flight finish (see SendOptions). */
  stopSignal?: AbortSignal;
}

/** Options for {@link InvitationService}. */
export interface InvitationServiceOptions {
  /**
   * Who applies a redemption's account, web roles and workflow: 'server' (default; the webhook
   * step on Create of adx_inviteredemption) or 'in-process' (here, right after the redemption).
   */
  handlers?: 'server' | 'in-process';
  /** The clock (epoch ms); default Date.now. Decides expiry. */
  now?: () => number;
  /** Name of the Send Invitation workflow definition; default {@link SEND_INVITATION_WORKFLOW_NAME}. */
  sendWorkflowName?: string;
  /** ExecuteWorkflow calls queued at once by send(); default 16 (the client's throttle caps what runs). */
  sendConcurrency?: number;
  /** Redemption attempts when concurrent redemptions of the same code win the race; default 10. */
  redeemAttempts?: number;
  /** Injected for tests: how to wait between redemption attempts. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests: jitter source in [0,1). */
  random?: () => number;
  /**
   * Injected for tests: new GUIDs (default random UUIDs) for the redemption activity of an
   * existing contact and a registration's security stamp. A registration's contact and activity
   * ids are derived from the username instead (they claim it; see username-claim.ts).
   */
  newId?: () => string;
}

/**
 * Creates, sends, finds, lists, revokes and redeems portal invitations. Give it a
 * `DataverseClient`, or anything else that implements `DataverseApi`.
 */
export class InvitationService {
  private readonly now: () => number;

  constructor(
    private readonly client: DataverseApi,
    private readonly options: InvitationServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Creates one invitation; references are resolved with one query per kind. */
  create(input: CreateInvitationInput): Promise<CreatedInvitation> {
    return createInvitation(this.client, input, this.now);
  }

  /**
   * Creates many invitations with CreateMultiple in chunks (default 1000 rows per request), reading
   * the input as a stream; yields one result per row in input order. Rows with an `id` are safe
   * to resubmit: a rerun reports them as `exists`.
   */
  createMany(
    rows: Iterable<CreateInvitationInput> | AsyncIterable<CreateInvitationInput>,
    options: CreateManyOptions = {},
  ): AsyncIterable<CreateManyResult> {
    return createManyInvitations(this.client, rows, { ...options, now: this.now });
  }

  /**
   * Runs the Send Invitation workflow for each invitation; reports skipped ones with the reason.
   * Each is e-mailed at most once (Dataverse's status and system jobs decide) unless `resend`;
   * expired, revoked and redeemed invitations are never sent. Ids that are not GUIDs are refused
   * with an InvalidArgumentError before any request.
   */
  send(idOrIds: string | string[], options: SendCallOptions = {}): Promise<SendResult[]> {
    return sendInvitations(this.client, Array.isArray(idOrIds) ? idOrIds : [idOrIds], {
      workflowName: this.options.sendWorkflowName ?? SEND_INVITATION_WORKFLOW_NAME,
      concurrency: this.options.sendConcurrency,
      now: this.now,
      resend: options.resend,
      stopSignal: options.stopSignal,
    });
  }

  /** The Active invitation with exactly this code (case-sensitive), with its site and web roles, or undefined. */
  findByCode(code: string): Promise<InvitationDetails | undefined> {
    return findInvitationByCode(this.client, code);
  }

  /** Invitations with a status (default all), with their sites and web roles, streamed page by page. */
  list(options: { status?: InvitationListStatus } = {}): AsyncIterable<InvitationDetails> {
    return listInvitations(this.client, options.status ?? 'all', this.now());
  }

  /**
   * Why `code` would be refused now, every reason with what to do about it, or that it would
   * succeed and what the redemption would grant. `who` (a contact id or e-mail address) asks about
   * that contact redeeming. Read-only: it sends GET requests only and writes nothing.
   */
  explain(
    code: string,
    who?: ExplainWho,
    options: { signal?: AbortSignal } = {},
  ): Promise<InvitationExplanation> {
    return explainInvitation(
      {
        client: this.client,
        now: this.now,
        sendWorkflowName: this.options.sendWorkflowName ?? SEND_INVITATION_WORKFLOW_NAME,
        signal: options.signal,
      },
      code,
      who,
    );
  }

  /** Deactivates an invitation so its code no longer redeems; InvalidArgumentError for a bad id. */
  async revoke(id: string): Promise<void> {
    return revokeInvitation(this.client, parseGuid(id, 'invitationId'));
  }

  /**
   * Applies a committed redemption's account, web roles and workflow here (in-process), found by
   * its adx_inviteredemption id: the retry when {@link RedemptionResult.handlersError} was set.
   * Applied once however many callers race: the redemption activity is claimed first, a redemption
   * already applied changes nothing, and one being applied elsewhere is waited for (see `options`).
   */
  async applyRedemption(
    redemptionId: string,
    options: ApplyRedemptionOptions = {},
  ): Promise<ApplyRedemptionResult> {
    return applyRedemptionById(this.client, parseGuid(redemptionId, 'redemptionId'), options);
  }

  /**
   * Redeems a code for an existing contact (`{ contactId }`) or a new local registration
   * (`{ registration }`): one lookup, one guarded change set; throws InvitationError with the
   * reason when a rule refuses it, InvalidArgumentError (before any request) when `who` names
   * neither or `who.contactId` is not a GUID.
   */
  async redeem(code: string, who: RedemptionRequest, options: RedeemOptions = {}): Promise<RedemptionResult> {
    if (who && typeof who === 'object' && 'contactId' in who) parseGuid(who.contactId, 'contactId');
    return redeemInvitation(
      {
        client: this.client,
        now: this.now,
        handlers: this.options.handlers ?? 'server',
        maxAttempts: this.options.redeemAttempts ?? 10,
        sleep: this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
        random: this.options.random ?? Math.random,
        newId: this.options.newId ?? randomUUID,
        signal: options.signal,
      },
      code,
      who,
    );
  }

  /**
   * Gives an invitation a new code (the old one stops working), optionally with a new expiry, and
   * records it in a note on the invitation; with `send`, sends the new code (see {@link send}).
   * The status is New until the new code is sent.
   * @throws InvitationError when the invitation is revoked, used up, expired without a new expiry,
   * or the expiry is not a real future date; nothing is written then
   */
  async reissue(
    id: string,
    options: ReissueOptions & { send?: boolean } = {},
  ): Promise<ReissueResult & { send?: SendResult }> {
    const result = await reissueInvitation(this.client, id, options, {
      now: this.now,
      newId: this.options.newId ?? randomUUID,
    });
    if (!options.send) return result;
    const [sent] = await this.send(result.id);
    return { ...result, send: sent };
  }

  /**
   * Undoes a redemption by the wrong person (an adx_inviteredemption id): the count, the redeemed
   * contact, the status, the web roles the invitation granted (not those another redeemed
   * invitation of the contact grants too) and the sign-in the redemption linked; the redemption
   * activity is canceled and a note on the invitation records it all. One change set, guarded
   * against concurrent redemptions. With `dryRun`, only reports what it would change.
   */
  undoRedemption(redemptionId: string, options: UndoRedemptionOptions = {}): Promise<UndoRedemptionResult> {
    return undoRedemption(this.client, redemptionId, options, {
      now: this.now,
      newId: this.options.newId ?? randomUUID,
    });
  }
}
