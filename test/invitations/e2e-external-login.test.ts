/**
 * Redeeming with an external sign-in against the emulator, in both data models: the sign-in is
 * linked to the invited contact in the redemption's own change set (with the contact's sign-up
 * columns and a record on the redemption), a linked sign-in redeems as its contact, and every
 * refusal leaves nothing written.
 */
import { InvitationError } from '../../sdk/invitations/errors';
import { InvitationService } from '../../sdk/invitations/service';
import { externalIdentityId } from '../../sdk/identities/login';
import { createdIdentityOf } from '../../sdk/invitations/redemption-identity-note';
import {
  ENTRA,
  heldRoles,
  identityColumns,
  invitationState,
  redemptionCount,
  SEED,
  signInRows,
  startSignInHarness,
  type SignInHarness,
} from './sign-in-support';

let h: SignInHarness;
beforeEach(async () => {
  h = await startSignInHarness();
});
afterEach(() => h.close());

const ALICE = { provider: ENTRA, subject: 'alice-sub-7Qx', email: 'alice.adams@example.com' };

async function refusal(p: Promise<unknown>): Promise<InvitationError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof InvitationError) return error;
  throw new Error(`expected an InvitationError, got ${String(error)}`);
}

const SITES = [
  { site: 'Contoso Partner Portal', model: 'standard' as const, partners: SEED.webRoles.partners },
  { site: 'Fabrikam Partners', model: 'enhanced' as const, partners: SEED.enhancedWebRoles.partners },
];

describe.each(SITES)('a single invitation for $site ($model data model)', ({ site, model, partners }) => {
  it('links the sign-in to the invited contact, redeems, and grants the site roles', async () => {
    const service = new InvitationService(h.client, { handlers: 'in-process' });
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      site,
      webRoles: ['Partners'],
    });

    const result = await service.redeem(invitation.code!, { externalLogin: ALICE });

    expect(result).toMatchObject({
      contactId: SEED.contacts.alice,
      status: 'redeemed',
      identityLinked: true,
      externalIdentityId: externalIdentityId(ALICE),
    });
    expect(await signInRows(h.client)).toEqual([
      expect.objectContaining({
        adx_externalidentityid: externalIdentityId(ALICE),
        adx_identityprovidername: ENTRA,
        adx_username: ALICE.subject,
        _adx_contactid_value: SEED.contacts.alice,
        statecode: 0,
      }),
    ]);
    expect(await heldRoles(h.client, SEED.contacts.alice, model)).toEqual([partners]);
  });
});

describe('the redemption of a sign-in that is not linked yet', () => {
  it("writes the contact's sign-up columns: logon enabled, e-mail confirmed, a new security stamp", async () => {
    const service = new InvitationService(h.client, { newId: () => '5eed5eed-0000-4000-8000-000000000001' });
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await service.redeem(invitation.code!, {
      externalLogin: { ...ALICE, firstName: 'Ally', lastName: 'Other' },
    });

    expect(await identityColumns(h.client, SEED.contacts.alice)).toMatchObject({
      adx_identity_logonenabled: true,
      adx_identity_emailaddress1confirmed: true,
      adx_identity_securitystamp: '5eed5eed-0000-4000-8000-000000000001',
      adx_identity_username: null,
      firstname: 'Alice',
      lastname: 'Adams',
    });
  });

  it('leaves the e-mail unconfirmed when the provider reports another address', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await service.redeem(invitation.code!, { externalLogin: { ...ALICE, email: 'alice@personal.example' } });
    expect(await identityColumns(h.client, SEED.contacts.alice)).toMatchObject({
      adx_identity_logonenabled: true,
      adx_identity_emailaddress1confirmed: false,
      emailaddress1: 'alice.adams@example.com',
    });
  });

  it('records on the redemption activity which sign-in row it created', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const result = await service.redeem(invitation.code!, { externalLogin: ALICE });
    const activity = await h.client.retrieve('adx_inviteredemptions', result.redemptionId, {
      select: ['description'],
    });
    expect(createdIdentityOf(activity['description'] as string)).toBe(externalIdentityId(ALICE));
  });

  it("picks the group's invited contact by the provider's e-mail", async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({
      type: 'group',
      contacts: [SEED.contacts.bob, SEED.contacts.alice],
    });
    const result = await service.redeem(invitation.code!, {
      externalLogin: { ...ALICE, email: 'ALICE.ADAMS@example.com' },
    });
    expect(result.contactId).toBe(SEED.contacts.alice);
    const after = await invitationState(h.client, invitation.id);
    expect(after['adx_invitation_redeemedcontacts']).toEqual([
      expect.objectContaining({ contactid: SEED.contacts.alice }),
    ]);
  });

  it('costs three requests: the invitation lookup and the sign-in lookup (together), then the change set', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const before = h.requests();
    await service.redeem(invitation.code!, { externalLogin: ALICE });
    expect(h.requests() - before).toBe(3);
  });
});

describe('the redemption of a sign-in that is already linked', () => {
  it('redeems as the linked contact without a second row and without touching the contact', async () => {
    const service = new InvitationService(h.client);
    const first = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await service.redeem(first.code!, { externalLogin: ALICE });
    const stamp = (await identityColumns(h.client, SEED.contacts.alice))['adx_identity_securitystamp'];
    const open = await service.create({ type: 'group', contacts: [] });

    const result = await service.redeem(open.code!, { externalLogin: { ...ALICE, email: undefined } });

    expect(result).toMatchObject({ contactId: SEED.contacts.alice, identityLinked: false });
    expect(await signInRows(h.client)).toHaveLength(1);
    expect((await identityColumns(h.client, SEED.contacts.alice))['adx_identity_securitystamp']).toBe(stamp);
  });

  it('finds a row the portal wrote itself (random id, other case) and redeems through it', async () => {
    await h.client.create('adx_externalidentities', {
      adx_identityprovidername: ENTRA.toUpperCase(),
      adx_username: ALICE.subject.toUpperCase(),
      'adx_contactid@odata.bind': `/contacts(${SEED.contacts.alice})`,
    });
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const result = await service.redeem(invitation.code!, { externalLogin: ALICE });
    expect(result.identityLinked).toBe(false);
    expect(await signInRows(h.client)).toHaveLength(1);
  });
});

describe('refusals write nothing', () => {
  async function nothingWritten(invitationId: string, rowsBefore: number): Promise<void> {
    expect(await invitationState(h.client, invitationId)).toMatchObject({
      adx_redemptions: 0,
      statuscode: 1,
    });
    expect(await redemptionCount(h.client, invitationId)).toBe(0);
    expect(await signInRows(h.client)).toHaveLength(rowsBefore);
  }

  it('refuses identity_in_use when the sign-in is linked to another contact than the invited one', async () => {
    const service = new InvitationService(h.client);
    const first = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await service.redeem(first.code!, { externalLogin: ALICE });
    const forBob = await service.create({ type: 'single', contact: SEED.contacts.bob });

    const error = await refusal(service.redeem(forBob.code!, { externalLogin: ALICE }));

    expect(error.reason).toBe('identity_in_use');
    await nothingWritten(forBob.id, 1);
    expect((await identityColumns(h.client, SEED.contacts.bob))['adx_identity_logonenabled']).toBe(false);
  });

  it('refuses not_invited for an open group when the sign-in is linked to no contact', async () => {
    const service = new InvitationService(h.client);
    const open = await service.create({ type: 'group', contacts: [] });
    expect((await refusal(service.redeem(open.code!, { externalLogin: ALICE }))).reason).toBe('not_invited');
    await nothingWritten(open.id, 0);
  });

  it('refuses not_invited when no invited contact of the group has the e-mail', async () => {
    const service = new InvitationService(h.client);
    const group = await service.create({ type: 'group', contacts: [SEED.contacts.bob] });
    expect((await refusal(service.redeem(group.code!, { externalLogin: ALICE }))).reason).toBe('not_invited');
    await nothingWritten(group.id, 0);
  });

  it('refuses a malformed sign-in before sending any request', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const before = h.requests();
    const error = await refusal(
      service.redeem(invitation.code!, { externalLogin: { ...ALICE, email: 'not-an-address' } }),
    );
    expect(error.reason).toBe('invalid');
    expect(h.requests()).toBe(before);
    await nothingWritten(invitation.id, 0);
  });

  it('refuses an unknown code with not_found', async () => {
    const service = new InvitationService(h.client);
    expect(
      (await refusal(service.redeem('NoSuchCode-000000000000000', { externalLogin: ALICE }))).reason,
    ).toBe('not_found');
    expect(await signInRows(h.client)).toHaveLength(0);
  });
});
