import {
  InvitationStatus,
  InvitationTable,
  invitationLinks,
  invitationSelect,
  invitationToWebApi,
  toInvitationRecord,
} from '../../sdk/entities/index';
import { InvalidArgumentError } from '../../sdk/errors';

const row = {
  '@odata.etag': 'W/"42"',
  adx_invitationid: '11111111-1111-1111-1111-111111111111',
  adx_name: 'Partners',
  adx_type: 756150001,
  adx_invitationcode: 'abc',
  adx_expirydate: '2027-01-31T00:00:00Z',
  adx_maximumredemptions: 10,
  adx_redemptions: 3,
  statecode: 0,
  statuscode: 756150000,
  _adx_invitecontact_value: '22222222-2222-2222-2222-222222222222',
  _adx_assigntoaccount_value: '33333333-3333-3333-3333-333333333333',
  _ownerid_value: '44444444-4444-4444-4444-444444444444',
};

describe('adx_invitation mapping', () => {
  it('reads a Web API row into a typed record', () => {
    expect(toInvitationRecord(row)).toEqual({
      id: '11111111-1111-1111-1111-111111111111',
      name: 'Partners',
      type: 'group',
      code: 'abc',
      expiresOn: new Date('2027-01-31T00:00:00Z'),
      status: 'sent',
      redemptions: 3,
      maximumRedemptions: 10,
      inviteContactId: '22222222-2222-2222-2222-222222222222',
      inviterContactId: undefined,
      redeemedContactId: undefined,
      accountId: '33333333-3333-3333-3333-333333333333',
      redemptionWorkflowId: undefined,
      ownerId: '44444444-4444-4444-4444-444444444444',
      etag: 'W/"42"',
    });
  });

  it('reads Redeemed in the Active state as redeemed', () => {
    expect(toInvitationRecord({ ...row, statuscode: InvitationStatus.Redeemed }).status).toBe('redeemed');
  });

  it('reads state Inactive as inactive whatever the status', () => {
    expect(toInvitationRecord({ ...row, statecode: 1, statuscode: 2 }).status).toBe('inactive');
  });

  it('binds lookups with the exact, case-sensitive navigation names', () => {
    expect(
      invitationToWebApi({
        inviteContactId: '22222222-2222-2222-2222-222222222222',
        inviterContactId: 'A',
        redeemedContactId: 'B',
        accountId: 'C',
        redemptionWorkflowId: 'D',
      }),
    ).toEqual({
      'adx_inviteContact@odata.bind': '/contacts(22222222-2222-2222-2222-222222222222)',
      'adx_invitercontact@odata.bind': '/contacts(a)',
      'adx_redeemedContact@odata.bind': '/contacts(b)',
      'adx_assignToAccount@odata.bind': '/accounts(c)',
      'adx_redemptionWorkflow@odata.bind': '/workflows(d)',
    });
  });

  it('clears a lookup with a null bind', () => {
    expect(invitationToWebApi({ redeemedContactId: null })).toEqual({
      'adx_redeemedContact@odata.bind': null,
    });
  });

  it('writes type, status and dates in the Web API shape', () => {
    expect(invitationToWebApi({ type: 'single', status: 'redeemed', expiresOn: '2027-01-31' })).toEqual({
      adx_type: 756150000,
      statecode: 0,
      statuscode: 756150001,
      adx_expirydate: '2027-01-31T00:00:00.000Z',
    });
  });

  it('writes a status reason alone, keeping the state, with statusReason', () => {
    expect(invitationToWebApi({ redemptions: 1, statusReason: 'redeemed' })).toEqual({
      adx_redemptions: 1,
      statuscode: 756150001,
    });
  });

  it('deep-inserts group contacts and web roles as @odata.bind arrays', () => {
    expect(invitationToWebApi({ inviteContactIds: ['C1', 'C2'], webRoleIds: ['R1'] })).toEqual({
      'adx_invitation_invitecontacts@odata.bind': ['/contacts(c1)', '/contacts(c2)'],
      'adx_invitation_webrole@odata.bind': ['/adx_webroles(r1)'],
    });
  });

  it('writes no N:N bind for an empty list', () => {
    expect(invitationToWebApi({ webRoleIds: [] })).toEqual({});
  });

  it('lists the N:N links one by one for associating after the create', () => {
    expect(invitationLinks({ inviteContactIds: ['c1'], webRoleIds: ['r1'] })).toEqual([
      { navigation: 'adx_invitation_invitecontacts', entitySet: 'contacts', id: 'c1' },
      { navigation: 'adx_invitation_webrole', entitySet: 'adx_webroles', id: 'r1' },
    ]);
  });

  it('binds the owner to a team when asked', () => {
    expect(invitationToWebApi({ ownerId: 'T', ownerType: 'team' })).toEqual({
      'ownerid@odata.bind': '/teams(t)',
    });
  });

  it('rejects an unparsable expiry date with the expected format, naming expiresOn', () => {
    let error: unknown;
    try {
      invitationToWebApi({ expiresOn: 'soon' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'expiresOn', message: expect.stringMatching(/ISO-8601/) });
  });

  it('selects every lookup by its _x_value field', () => {
    expect(invitationSelect).toEqual(
      expect.arrayContaining(['_adx_invitecontact_value', '_adx_redemptionworkflow_value', '_ownerid_value']),
    );
  });

  it('names the relationships the contract lists', () => {
    expect(InvitationTable.relationships).toEqual({
      inviteContacts: 'adx_invitation_invitecontacts',
      redeemedContacts: 'adx_invitation_redeemedcontacts',
      webRoles: 'adx_invitation_webrole',
      powerPageWebRoles: 'adx_invitation_mspp_webrole_powerpagecomponent',
      redemptions: 'adx_invitation_adx_inviteredemptions',
      emails: 'adx_invitation_Emails',
    });
  });
});
