/**
 * Granting an invitation's web roles to the redeeming contact, in each data model: the standard
 * model's through adx_webrole_contact, the enhanced model's through
 * powerpagecomponent_mspp_webrole_contact (never through the mspp_webrole view, which has no
 * N:N). During a migration an invitation may carry roles of both models; both are granted.
 * Idempotent: roles the contact holds are skipped, and a link another run made first counts as done.
 */
import type { DataverseApi } from '../client/api';
import type { BatchRequest, BatchResponse } from '../client/types';
import { ContactTable, InvitationTable, readString, stripBraces } from '../entities/index';
import { isDuplicate, NO_CACHE, normalizeGuid, rowsOf, type ErrorLike } from '../invitations/odata';
import { DATA_MODEL_NAMES, isMissingResource } from './data-models';
import { DATA_MODELS, type DataModel } from './types';

/** Role ids per data model; a model is absent when the environment does not have its tables. */
export type RoleIdsByModel = Partial<Record<DataModel, string[]>>;

/** The roles an invitation grants and a contact holds, read together. */
export interface RoleLinks {
  /** The invitation's roles to grant, per data model present. */
  granted: RoleIdsByModel;
  /** The contact's roles, per data model present (only read when a contact is given). */
  held: RoleIdsByModel;
}

/** `<set>(<id>)/<navigation>?$select=<role id>` for one model's N:N. */
function linkRead(entitySet: string, id: string, model: DataModel, navigation: string): BatchRequest {
  const role = DATA_MODEL_NAMES[model].role;
  return {
    method: 'GET',
    url: `${entitySet}(${normalizeGuid(id)})/${navigation}?$select=${role.primaryId}`,
    headers: { ...NO_CACHE },
  };
}

function idsOf(response: BatchResponse | undefined, model: DataModel): string[] | undefined {
  if (!response) return undefined;
  if (response.error) {
    // A model whose tables the environment lacks has no such navigation property.
    const e = response.error as ErrorLike;
    if (isMissingResource({ status: e.status ?? response.status, code: e.code, message: e.message }))
      return undefined;
    throw response.error;
  }
  const idColumn = DATA_MODEL_NAMES[model].role.primaryId;
  return rowsOf(response.body)
    .map((row) => readString(row, idColumn))
    .filter((id): id is string => id !== undefined)
    .map(stripBraces);
}

/**
 * Reads, in one `$batch`, the web roles an invitation grants in each data model and (with a
 * contact) the ones the contact holds. A model the environment does not have is left out.
 */
export async function readRoleLinks(
  client: DataverseApi,
  target: { invitationId: string; contactId?: string },
): Promise<RoleLinks> {
  const requests: BatchRequest[] = DATA_MODELS.map((m) =>
    linkRead(InvitationTable.entitySet, target.invitationId, m, DATA_MODEL_NAMES[m].invitationRoles),
  );
  if (target.contactId) {
    for (const m of DATA_MODELS)
      requests.push(linkRead(ContactTable.entitySet, target.contactId, m, DATA_MODEL_NAMES[m].contactRoles));
  }
  const responses = await client.batch(requests, { continueOnError: true });
  const granted: RoleIdsByModel = {};
  const held: RoleIdsByModel = {};
  DATA_MODELS.forEach((m, i) => {
    const ids = idsOf(responses[i], m);
    if (ids) granted[m] = ids;
    if (target.contactId) {
      const mine = idsOf(responses[DATA_MODELS.length + i], m);
      if (mine) held[m] = mine;
    }
  });
  return { granted, held };
}

/** The web roles an invitation grants on redemption, per data model (one `$batch`). */
export async function readInvitationRoles(
  client: DataverseApi,
  invitationId: string,
): Promise<RoleIdsByModel> {
  return (await readRoleLinks(client, { invitationId })).granted;
}

/**
 * Associates each web role of the invitation that the contact does not hold yet, through the N:N
 * of the role's data model; returns the ids newly associated (standard model first). One `$batch`
 * to read, then one request per role added.
 */
export async function grantInvitationRoles(
  client: DataverseApi,
  target: { invitationId: string; contactId: string },
): Promise<string[]> {
  const contactId = normalizeGuid(target.contactId);
  const { granted, held } = await readRoleLinks(client, { invitationId: target.invitationId, contactId });
  const added: string[] = [];
  for (const model of DATA_MODELS) {
    const { role, contactRoles } = DATA_MODEL_NAMES[model];
    const holds = new Set(held[model] ?? []);
    for (const roleId of granted[model] ?? []) {
      if (holds.has(roleId)) continue;
      try {
        await client.associate(role.entitySet, roleId, contactRoles, {
          entitySet: ContactTable.entitySet,
          id: contactId,
        });
        added.push(roleId);
      } catch (error) {
        // A concurrent run associated it first: the role is held, which is all we wanted.
        if (!isDuplicate(error)) throw error;
      }
      holds.add(roleId);
    }
  }
  return added;
}
