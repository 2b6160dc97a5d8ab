/**
 * External sign-in, undo and reissue in an environment that has one data model only (an enhanced
 * site without adx_website/adx_webrole, or a standard one without powerpagesite/powerpagecomponent):
 * adx_externalidentity and annotation are in both, and each grants and removes that model's roles.
 */
import { InvitationService } from '../../sdk/invitations/service';
import {
  ENTRA,
  heldRoles,
  SEED,
  signInRows,
  startSignInHarness,
  type SignInHarness,
} from './sign-in-support';

describe.each([
  { dataModel: 'enhanced' as const, site: 'Fabrikam Partners', partners: SEED.enhancedWebRoles.partners },
  { dataModel: 'standard' as const, site: 'Contoso Partner Portal', partners: SEED.webRoles.partners },
])('an environment with the $dataModel data model only', ({ dataModel, site, partners }) => {
  let h: SignInHarness;
  beforeEach(async () => {
    h = await startSignInHarness({ dataModel });
  });
  afterEach(() => h.close());

  const login = { provider: ENTRA, subject: 'carol-sub', email: 'carol.chen@example.org' };

  it("links and redeems with an external sign-in, granting that model's role", async () => {
    const service = new InvitationService(h.client, { handlers: 'in-process' });
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.carol,
      site,
      webRoles: ['Partners'],
    });
    const result = await service.redeem(invitation.code!, { externalLogin: login });
    expect(result).toMatchObject({ identityLinked: true, handlers: { rolesAdded: [partners] } });
    expect(await heldRoles(h.client, SEED.contacts.carol, dataModel)).toEqual([partners]);
  });

  it("undoes the redemption, removing that model's role and the sign-in", async () => {
    const service = new InvitationService(h.client, { handlers: 'in-process' });
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.carol,
      site,
      webRoles: ['Partners'],
    });
    const redeemed = await service.redeem(invitation.code!, { externalLogin: login });
    const undo = await service.undoRedemption(redeemed.redemptionId);
    expect(undo).toMatchObject({ applied: true, rolesRemoved: [{ id: partners, dataModel }] });
    expect(await heldRoles(h.client, SEED.contacts.carol, dataModel)).toEqual([]);
    expect(await signInRows(h.client)).toEqual([]);
  });

  it('reissues the code with a note', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.carol,
      site,
      webRoles: ['Partners'],
    });
    const reissued = await service.reissue(invitation.id);
    await expect(service.redeem(reissued.code, { externalLogin: login })).resolves.toMatchObject({
      status: 'redeemed',
    });
  });
});
