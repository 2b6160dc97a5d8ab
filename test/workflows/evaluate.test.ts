import { evaluateWorkflow, type RecordLoader } from '../../sdk/workflows/xaml/evaluate';
import { XamlError } from '../../sdk/workflows/xaml/errors';
import { referenceXaml, seededXaml } from './xaml-helpers';

const INVITATION_ID = '11111111-1111-1111-1111-111111111111';
const CONTACT = { logicalName: 'contact', id: '22222222-2222-2222-2222-222222222222' };
const OWNER = { logicalName: 'systemuser', id: '33333333-3333-3333-3333-333333333333' };

function loaderOf(rows: Record<string, Record<string, unknown>>): RecordLoader {
  return { get: (logicalName, id) => rows[`${logicalName}:${id}`] };
}

const rows = {
  [`adx_invitation:${INVITATION_ID}`]: {
    adx_name: 'Welcome Ada',
    adx_invitationcode: 'Q1w2-E3r4_T5',
    adx_invitecontact: CONTACT,
    ownerid: OWNER,
  },
  [`contact:${CONTACT.id}`]: { fullname: 'Ada Lovelace', emailaddress1: 'ada@example.com' },
};

describe('evaluateWorkflow on the seeded Send Invitation', () => {
  const effects = evaluateWorkflow(
    seededXaml,
    { logicalName: 'adx_invitation', id: INVITATION_ID },
    { loader: loaderOf(rows) },
  );
  const email = effects[0] as Extract<(typeof effects)[number], { kind: 'create' }>;

  it('creates one e-mail (not sent) and then sets the state', () => {
    expect(effects.map((e) => e.kind)).toEqual(['create', 'setState']);
    expect([email.entityName, email.send]).toEqual(['email', false]);
  });

  it('addresses the e-mail to the invited contact', () => {
    expect(email.values.to).toEqual([CONTACT]);
  });

  it('sends it from the invitation owner', () => {
    expect(email.values.from).toEqual([OWNER]);
  });

  it('writes the subject literal', () => {
    expect(email.values.subject).toBe("You're invited to our portal");
  });

  it('builds the body from literals, the contact name and the code, HTML unescaped once', () => {
    expect(email.values.description).toBe(
      "<p>Hello Ada Lovelace,</p><p>You have been invited to join our portal. Your invitation code is: <strong>Q1w2-E3r4_T5</strong></p><p>Enter the code on the portal's registration page to accept the invitation.</p>",
    );
  });

  it('regards the invitation', () => {
    expect(email.values.regardingobjectid).toEqual({ logicalName: 'adx_invitation', id: INVITATION_ID });
  });

  it('marks the invitation Sent (state 0, status 756150000)', () => {
    expect(effects[1]).toEqual({
      kind: 'setState',
      entity: { logicalName: 'adx_invitation', id: INVITATION_ID },
      state: 0,
      status: 756150000,
    });
  });
});

describe('evaluateWorkflow on the exported reference', () => {
  const ACCOUNT_ID = '44444444-4444-4444-4444-444444444444';
  const creator = { logicalName: 'systemuser', id: '55555555-5555-5555-5555-555555555555' };
  const modifier = { logicalName: 'systemuser', id: '66666666-6666-6666-6666-666666666666' };
  const effects = evaluateWorkflow(
    referenceXaml,
    { logicalName: 'account', id: ACCOUNT_ID },
    {
      loader: loaderOf({
        [`account:${ACCOUNT_ID}`]: { name: 'Contoso', createdby: creator, modifiedby: modifier },
      }),
    },
  );
  const email = effects[0] as Extract<(typeof effects)[number], { kind: 'create' }>;

  it('sends the e-mail (SendEmail)', () => {
    expect([effects.length, email.kind, email.send]).toEqual([1, 'create', true]);
  });

  it('unions the two To fields into one party list', () => {
    expect(email.values.to).toEqual([creator, modifier]);
  });

  it('builds From from the static system user reference', () => {
    expect(email.values.from).toEqual([
      {
        logicalName: 'systemuser',
        id: '9732d6d5-8e46-44e1-b408-32d3801c5724',
        name: 'Kaspar Bøgh Christensen',
      },
    ]);
  });

  it('writes option sets and booleans as numbers and booleans', () => {
    expect([email.values.prioritycode, email.values.notifications, email.values.directioncode]).toEqual([
      1,
      0,
      true,
    ]);
  });

  it('regards the account through its own id', () => {
    expect(email.values.regardingobjectid).toEqual({ logicalName: 'account', id: ACCOUNT_ID });
  });

  it('writes the body once unescaped', () => {
    expect(email.values.description).toBe('<span><span>Some kind of email</span></span>');
  });
});

describe('evaluateWorkflow failures', () => {
  it('reports a missing primary record', () => {
    expect(() =>
      evaluateWorkflow(
        seededXaml,
        { logicalName: 'adx_invitation', id: INVITATION_ID },
        { loader: loaderOf({}) },
      ),
    ).toThrow(/does not exist/);
  });

  it('reads an absent related contact as empty values', () => {
    const withoutContact = {
      [`adx_invitation:${INVITATION_ID}`]: { adx_invitationcode: 'X', ownerid: OWNER },
    };
    const [email] = evaluateWorkflow(
      seededXaml,
      { logicalName: 'adx_invitation', id: INVITATION_ID },
      { loader: loaderOf(withoutContact) },
    );
    expect((email as { values: Record<string, unknown> }).values.to).toEqual([]);
  });

  it('refuses activities it cannot run', () => {
    const withCondition = seededXaml.replace(
      '<Persist />',
      '<mxswa:ActivityReference AssemblyQualifiedName="Microsoft.Crm.Workflow.Activities.ConditionSequence, Microsoft.Crm.Workflow" DisplayName="ConditionStep3" /><Persist />',
    );
    expect(() =>
      evaluateWorkflow(
        withCondition,
        { logicalName: 'adx_invitation', id: INVITATION_ID },
        { loader: loaderOf(rows) },
      ),
    ).toThrow(XamlError);
  });
});

describe('evaluateWorkflow related records', () => {
  it('also loads a related record addressed through CreatedEntities("related_...")', () => {
    const handMade = seededXaml.replace(
      '[InputEntities(&quot;related_adx_invitecontact#contact&quot;)]',
      '[CreatedEntities(&quot;related_adx_invitecontact#contact&quot;)]',
    );
    const [email] = evaluateWorkflow(
      handMade,
      { logicalName: 'adx_invitation', id: INVITATION_ID },
      { loader: loaderOf(rows) },
    );
    expect((email as { values: Record<string, unknown> }).values.description).toContain(
      'Hello Ada Lovelace,',
    );
  });
});

describe('evaluateWorkflow update steps', () => {
  const updateXaml = seededXaml.replace(
    /<mxswa:Workflow>[\s\S]*<\/mxswa:Workflow>/,
    `<mxswa:Workflow><Sequence DisplayName="UpdateStep1"><Sequence.Variables><Variable x:TypeArguments="x:Object" Name="UpdateStep1_1" /></Sequence.Variables>
<Assign x:TypeArguments="mxs:Entity" To="[CreatedEntities(&quot;primaryEntity#Temp&quot;)]" Value="[New Entity(&quot;adx_invitation&quot;)]" />
<Assign x:TypeArguments="s:Guid" To="[CreatedEntities(&quot;primaryEntity#Temp&quot;).Id]" Value="[InputEntities(&quot;primaryEntity&quot;).Id]" />
<mxswa:ActivityReference AssemblyQualifiedName="Microsoft.Crm.Workflow.Activities.EvaluateExpression, Microsoft.Crm.Workflow" DisplayName="EvaluateExpression"><mxswa:ActivityReference.Arguments>
<InArgument x:TypeArguments="x:String" x:Key="ExpressionOperator">CreateCrmType</InArgument>
<InArgument x:TypeArguments="s:Object[]" x:Key="Parameters">[New Object() { Microsoft.Xrm.Sdk.Workflow.WorkflowPropertyType.Integer, "5", "Integer" }]</InArgument>
<InArgument x:TypeArguments="s:Type" x:Key="TargetType"><mxswa:ReferenceLiteral x:TypeArguments="s:Type" Value="x:Int32" /></InArgument>
<OutArgument x:TypeArguments="x:Object" x:Key="Result">[UpdateStep1_1]</OutArgument></mxswa:ActivityReference.Arguments></mxswa:ActivityReference>
<mxswa:SetEntityProperty Attribute="adx_maximumredemptions" Entity="[CreatedEntities(&quot;primaryEntity#Temp&quot;)]" EntityName="adx_invitation" Value="[UpdateStep1_1]"><mxswa:SetEntityProperty.TargetType><InArgument x:TypeArguments="s:Type"><mxswa:ReferenceLiteral x:TypeArguments="s:Type" Value="x:Int32" /></InArgument></mxswa:SetEntityProperty.TargetType></mxswa:SetEntityProperty>
<mxswa:UpdateEntity DisplayName="UpdateStep1" Entity="[CreatedEntities(&quot;primaryEntity#Temp&quot;)]" EntityName="adx_invitation" />
<Assign x:TypeArguments="mxs:Entity" To="[InputEntities(&quot;primaryEntity&quot;)]" Value="[CreatedEntities(&quot;primaryEntity#Temp&quot;)]" />
<Persist /></Sequence></mxswa:Workflow>`,
  );

  it('updates the primary record through the designer temp-entity pattern', () => {
    const effects = evaluateWorkflow(
      updateXaml,
      { logicalName: 'adx_invitation', id: INVITATION_ID },
      { loader: loaderOf(rows) },
    );
    expect(effects).toEqual([
      {
        kind: 'update',
        entity: { logicalName: 'adx_invitation', id: INVITATION_ID },
        values: { adx_maximumredemptions: 5 },
      },
    ]);
  });
});

describe('evaluateWorkflow run after run', () => {
  const primary = { logicalName: 'adx_invitation', id: INVITATION_ID };
  const subjectOf = (xaml: string) => {
    const create = evaluateWorkflow(xaml, primary, { loader: loaderOf(rows) })[0];
    return create.kind === 'create' ? create.values.subject : undefined;
  };

  it('runs a definition changed since its last run as it is now', () => {
    const before = subjectOf(seededXaml);
    const changed = seededXaml.replace("You're invited to our portal", 'Changed subject');
    expect(changed).not.toBe(seededXaml);
    expect([before, subjectOf(changed), subjectOf(seededXaml)]).toEqual([before, 'Changed subject', before]);
  });
});
