import {
  ActivityState,
  activityPartyToWebApi,
  ContactTable,
  contactToWebApi,
  InvalidArgumentError,
  inviteRedemptionToWebApi,
  ParticipationType,
  toContactRecord,
  toEmailRecord,
  toInviteRedemptionRecord,
  toWorkflowRecord,
  WebRoleTable,
  WorkflowState,
  workflowToWebApi,
} from '../../sdk/index';

describe('contact mapping', () => {
  it('reads the portal identity columns', () => {
    const record = toContactRecord({
      contactid: 'c1',
      emailaddress1: 'ada@example.com',
      adx_identity_username: 'ada',
      adx_identity_emailaddress1confirmed: true,
      adx_identity_accessfailedcount: 2,
      _parentcustomerid_value: 'a1',
      '_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
    });
    expect(record).toMatchObject({
      email: 'ada@example.com',
      identityUsername: 'ada',
      identityEmailConfirmed: true,
      identityAccessFailedCount: 2,
      parentCustomerId: 'a1',
      parentCustomerType: 'account',
    });
  });

  it('reads the statecode', () => {
    expect(toContactRecord({ contactid: 'c1', statecode: 1 }).state).toBe(1);
  });

  it('binds the parent account through parentcustomerid_account', () => {
    expect(contactToWebApi({ parentCustomerId: 'A1' })).toEqual({
      'parentcustomerid_account@odata.bind': '/accounts(a1)',
    });
  });

  it('writes identity columns by their logical names', () => {
    expect(contactToWebApi({ identityPasswordHash: 'h', identityLogonEnabled: true })).toEqual({
      adx_identity_passwordhash: 'h',
      adx_identity_logonenabled: true,
    });
  });

  it('uses the logical names the contract fixes for the identity columns', () => {
    expect([ContactTable.columns.identityUsername, ContactTable.columns.identityEmailConfirmed]).toEqual([
      'adx_identity_username',
      'adx_identity_emailaddress1confirmed',
    ]);
  });
});

describe('adx_webrole', () => {
  it('names the web role ↔ contact relationship', () => {
    expect(WebRoleTable.relationships.contacts).toBe('adx_webrole_contact');
  });
});

describe('adx_inviteredemption', () => {
  it('creates regarding the invitation with the contact as Customer party', () => {
    expect(inviteRedemptionToWebApi({ subject: 'ada', invitationId: 'I', contactId: 'C' })).toEqual({
      subject: 'ada',
      'regardingobjectid_adx_invitation_adx_inviteredemption@odata.bind': '/adx_invitations(i)',
      adx_inviteredemption_activity_parties: [
        { participationtypemask: 11, 'partyid_contact@odata.bind': '/contacts(c)' },
      ],
    });
  });

  it('writes a create body in the order the recorded redemption pins: id, subject, regarding, parties', () => {
    const body = inviteRedemptionToWebApi({ id: 'R', subject: 's', invitationId: 'I', contactId: 'C' });
    expect(JSON.stringify(body)).toBe(
      '{"activityid":"r","subject":"s",' +
        '"regardingobjectid_adx_invitation_adx_inviteredemption@odata.bind":"/adx_invitations(i)",' +
        '"adx_inviteredemption_activity_parties":[{"partyid_contact@odata.bind":"/contacts(c)","participationtypemask":11}]}',
    );
  });

  it('records where the redemption came from in adx_ipaddress', () => {
    expect(inviteRedemptionToWebApi({ ipAddress: '203.0.113.7' })).toEqual({ adx_ipaddress: '203.0.113.7' });
  });

  it('completes the activity with state Completed and its status Completed', () => {
    expect(inviteRedemptionToWebApi({ state: ActivityState.Completed })).toEqual({
      statecode: 1,
      statuscode: 2,
    });
  });

  it('reads the customer from expanded parties', () => {
    const record = toInviteRedemptionRecord({
      activityid: 'r1',
      subject: 'ada',
      _regardingobjectid_value: 'i1',
      adx_inviteredemption_activity_parties: [{ participationtypemask: 11, _partyid_value: 'c1' }],
    });
    expect([record.invitationId, record.contactId]).toEqual(['i1', 'c1']);
  });
});

describe('activityparty', () => {
  it('binds a party through the partyid navigation of its table', () => {
    expect(
      activityPartyToWebApi({
        participationType: ParticipationType.Sender,
        partyId: 'Q',
        partyType: 'queue',
      }),
    ).toEqual({ 'partyid_queue@odata.bind': '/queues(q)', participationtypemask: 1 });
  });

  it('refuses a party of a table it cannot bind, naming the argument', () => {
    let error: unknown;
    try {
      activityPartyToWebApi({ participationType: ParticipationType.Sender, partyId: 'X', partyType: 'lead' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'partyType', message: expect.stringMatching(/"lead"/) });
  });
});

describe('email', () => {
  it('splits expanded parties by participation type', () => {
    const record = toEmailRecord({
      activityid: 'e1',
      email_activity_parties: [
        { participationtypemask: 1, _partyid_value: 'u1' },
        { participationtypemask: 2, _partyid_value: 'c1', addressused: 'ada@example.com' },
      ],
    });
    expect([record.from.map((p) => p.partyId), record.to.map((p) => p.addressUsed)]).toEqual([
      ['u1'],
      ['ada@example.com'],
    ]);
  });
});

describe('workflow', () => {
  it('reads state, type and on-demand', () => {
    expect(
      toWorkflowRecord({
        workflowid: 'w',
        name: 'Send Invitation',
        statecode: 1,
        statuscode: 2,
        type: 1,
        ondemand: true,
        primaryentity: 'adx_invitation',
      }),
    ).toMatchObject({
      state: 1,
      status: 2,
      type: 1,
      onDemand: true,
    });
  });

  it('activates with 1/2 and deactivates with 0/1', () => {
    expect([
      workflowToWebApi({ state: WorkflowState.Activated }),
      workflowToWebApi({ state: WorkflowState.Draft }),
    ]).toEqual([
      { statecode: 1, statuscode: 2 },
      { statecode: 0, statuscode: 1 },
    ]);
  });

  it('writes the definition alone when only the xaml is given', () => {
    expect(workflowToWebApi({ xaml: '<Activity/>' })).toEqual({ xaml: '<Activity/>' });
  });
});
