/**
 * IdentityService against the emulator: a contact's sign-ins, linking one by hand (idempotent,
 * race-safe, refused when another contact holds it), and unlinking (all or nothing, with a new
 * security stamp; a dry run writes nothing).
 */
import { IdentityService } from '../../sdk/identities/index';
import { externalIdentityId } from '../../sdk/identities/login';
import { InvitationError } from '../../sdk/invitations/errors';
import {
  ENTRA,
  identityColumns,
  outcomes,
  SEED,
  signInRows,
  startSignInHarness,
  type SignInHarness,
} from '../invitations/sign-in-support';

let h: SignInHarness;
beforeEach(async () => {
  h = await startSignInHarness({ maxConcurrency: 16 });
});
afterEach(() => h.close());

const LOGIN = { provider: ENTRA, subject: 'pre-linked-sub' };
const B2C = {
  provider: 'https://contoso.b2clogin.com/tfp/contoso.onmicrosoft.com/B2C_1_susi/v2.0',
  subject: 'b2c-oid',
};

describe('listing sign-ins', () => {
  it("lists a contact's sign-ins, found by e-mail, oldest first (createdon)", async () => {
    const service = new IdentityService(h.client);
    await service.link(SEED.contacts.alice, LOGIN);
    await service.link(SEED.contacts.alice, B2C);
    await service.link(SEED.contacts.bob, { provider: ENTRA, subject: 'bob-sub' });

    const listed = await service.list('alice.adams@example.com');

    expect(listed.contactId).toBe(SEED.contacts.alice);
    expect(listed.identities.map((i) => i.subject).sort()).toEqual([B2C.subject, LOGIN.subject]);
    const times = listed.identities.map((i) => i.createdOn!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('lists none for a contact without sign-ins', async () => {
    expect((await new IdentityService(h.client).list(SEED.contacts.carol)).identities).toEqual([]);
  });

  it('refuses an e-mail no contact has as invalid', async () => {
    await expect(new IdentityService(h.client).list('nobody@example.invalid')).rejects.toMatchObject({
      reason: 'invalid',
    });
  });
});

describe('linking a sign-in', () => {
  it('creates the row with the id derived from the sign-in', async () => {
    const result = await new IdentityService(h.client).link('alice.adams@example.com', LOGIN);
    expect(result).toMatchObject({
      status: 'linked',
      identity: {
        id: externalIdentityId(LOGIN),
        contactId: SEED.contacts.alice,
        provider: ENTRA,
        subject: LOGIN.subject,
      },
    });
    expect(await signInRows(h.client)).toHaveLength(1);
  });

  it('reports exists, and writes nothing, for a sign-in the contact already has', async () => {
    const service = new IdentityService(h.client);
    await service.link(SEED.contacts.alice, LOGIN);
    expect(
      (await service.link(SEED.contacts.alice, { ...LOGIN, subject: LOGIN.subject.toUpperCase() })).status,
    ).toBe('exists');
    expect(await signInRows(h.client)).toHaveLength(1);
  });

  it("reactivates the contact's deactivated row of the sign-in", async () => {
    const service = new IdentityService(h.client);
    const { identity } = await service.link(SEED.contacts.alice, LOGIN);
    await h.client.update('adx_externalidentities', identity.id, { statecode: 1, statuscode: 2 });
    expect((await service.link(SEED.contacts.alice, LOGIN)).status).toBe('reactivated');
    expect(await signInRows(h.client)).toEqual([expect.objectContaining({ statecode: 0 })]);
  });

  it('refuses identity_in_use when another contact holds the sign-in, writing nothing', async () => {
    const service = new IdentityService(h.client);
    await service.link(SEED.contacts.alice, LOGIN);
    const error = await service.link(SEED.contacts.bob, LOGIN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvitationError);
    expect(error).toMatchObject({
      reason: 'identity_in_use',
      message: expect.stringContaining(SEED.contacts.alice),
    });
    expect(await signInRows(h.client)).toHaveLength(1);
  });

  it('refuses an inactive contact as invalid', async () => {
    await h.client.update('contacts', SEED.contacts.dan, { statecode: 1, statuscode: 2 });
    await expect(new IdentityService(h.client).link(SEED.contacts.dan, LOGIN)).rejects.toMatchObject({
      reason: 'invalid',
    });
    expect(await signInRows(h.client)).toEqual([]);
  });

  it('leaves one row when 10 links of one sign-in to two contacts race', async () => {
    const service = new IdentityService(h.client);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        service.link(i % 2 ? SEED.contacts.alice : SEED.contacts.bob, LOGIN),
      ),
    );
    const rows = await signInRows(h.client);
    expect(rows).toHaveLength(1);
    const counts = outcomes(results);
    expect(counts.identity_in_use).toBe(5);
    expect(counts.ok).toBe(5);
  });
});

describe('unlinking a sign-in', () => {
  it('removes the row and gives the contact a new security stamp', async () => {
    const service = new IdentityService(h.client, { newId: () => '5eed5eed-0000-4000-8000-00000000beef' });
    await service.link(SEED.contacts.alice, LOGIN);

    const result = await service.unlink({ contact: 'alice.adams@example.com', login: LOGIN });

    expect(result).toMatchObject({
      applied: true,
      contactIds: [SEED.contacts.alice],
      removed: [{ subject: LOGIN.subject }],
    });
    expect(await signInRows(h.client)).toEqual([]);
    expect((await identityColumns(h.client, SEED.contacts.alice))['adx_identity_securitystamp']).toBe(
      '5eed5eed-0000-4000-8000-00000000beef',
    );
  });

  it("removes one row by its id, leaving the contact's other sign-ins", async () => {
    const service = new IdentityService(h.client);
    const { identity } = await service.link(SEED.contacts.alice, LOGIN);
    await service.link(SEED.contacts.alice, B2C);
    await service.unlink({ identityId: identity.id });
    expect((await signInRows(h.client)).map((r) => r['adx_username'])).toEqual([B2C.subject]);
  });

  it('only reports what it would remove in a dry run', async () => {
    const service = new IdentityService(h.client);
    await service.link(SEED.contacts.alice, LOGIN);
    const stamp = (await identityColumns(h.client, SEED.contacts.alice))['adx_identity_securitystamp'];
    const preview = await service.unlink({ contact: SEED.contacts.alice, login: LOGIN }, { dryRun: true });
    expect(preview).toMatchObject({ applied: false, removed: [{ id: externalIdentityId(LOGIN) }] });
    expect(await signInRows(h.client)).toHaveLength(1);
    expect((await identityColumns(h.client, SEED.contacts.alice))['adx_identity_securitystamp']).toBe(stamp);
  });

  it("refuses not_found for a sign-in the contact does not have (another contact's)", async () => {
    const service = new IdentityService(h.client);
    await service.link(SEED.contacts.bob, LOGIN);
    await expect(service.unlink({ contact: SEED.contacts.alice, login: LOGIN })).rejects.toMatchObject({
      reason: 'not_found',
    });
    expect(await signInRows(h.client)).toHaveLength(1);
  });

  it('refuses not_found for an unknown row id', async () => {
    await expect(
      new IdentityService(h.client).unlink({ identityId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0effff' }),
    ).rejects.toMatchObject({ reason: 'not_found' });
  });
});
