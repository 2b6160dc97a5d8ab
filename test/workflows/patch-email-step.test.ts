import { patchEmailStep, type TemplatePatch } from '../../sdk/workflows/xaml/patch-email-step';
import { readEmailStep } from '../../sdk/workflows/xaml/read-email-step';
import { evaluateWorkflow } from '../../sdk/workflows/xaml/evaluate';
import { parseXaml } from '../../sdk/workflows/xaml/xml-document';
import { XamlError } from '../../sdk/workflows/xaml/errors';
import { compactInvitationXaml, referenceXaml, seededXaml } from './xaml-helpers';

const SENDER = {
  logicalName: 'systemuser' as const,
  id: 'AAAAAAAA-0000-4000-8000-000000000001',
  name: 'Portal Mailer',
};
const patch: TemplatePatch = {
  subject: 'Hi {contact.fullname}, your invitation to {invitation.name}',
  body: '<p>Your code: <b>{code}</b></p><p>Register at {redeemUrl}</p><p>Valid until {expiry}.</p>',
  redeemUrl: 'https://portal.example.com/register?invitation={code}&lang=en',
};

describe('patchEmailStep on the seeded Send Invitation', () => {
  const result = patchEmailStep(seededXaml, { ...patch, from: SENDER });

  it('reports a change', () => {
    expect(result.changed).toBe(true);
  });

  it('shows the new subject with placeholders', () => {
    expect(result.after.subject).toBe('Hi {contact.fullname}, your invitation to {invitation.name}');
  });

  it('shows the body as the template was written, {redeemUrl} included', () => {
    expect(result.after.body).toBe(patch.body);
  });

  it('expands {redeemUrl} in text into a link whose href carries the code', () => {
    expect(readEmailStep(result.xaml).body).toContain(
      '<a href="https://portal.example.com/register?invitation={code}&amp;lang=en">https://portal.example.com/register?invitation={code}&amp;lang=en</a>',
    );
  });

  it('sets From to the given sender', () => {
    expect(result.after.from).toBe('systemuser:Portal Mailer');
  });

  it('keeps To on the invited contact', () => {
    expect(result.after.to).toBe('{invitation.adx_invitecontact}');
  });

  it('reads back the same view from the returned XAML', () => {
    expect(readEmailStep(result.xaml, { redeemUrl: patch.redeemUrl })).toEqual(result.after);
  });

  it('writes placeholders as field reads, not literal text', () => {
    expect(result.xaml).not.toContain('{code}');
    expect(result.xaml).toContain('Attribute="adx_invitationcode"');
    expect(result.xaml).toContain('[InputEntities(&quot;related_adx_invitecontact#contact&quot;)]');
  });

  it('reads the expiry date untyped so Add can format it', () => {
    const read =
      /<mxswa:GetEntityProperty Attribute="adx_expirydate"[\s\S]*?<\/mxswa:GetEntityProperty>/.exec(
        result.xaml,
      )![0];
    expect(read).toContain('<x:Null />');
  });

  it('leaves the SetState step and the document head untouched', () => {
    const tail = (xaml: string) => xaml.slice(xaml.indexOf('<mxswa:SetState'));
    const head = (xaml: string) => xaml.slice(0, xaml.indexOf('<Sequence DisplayName'));
    expect([head(result.xaml), tail(result.xaml)]).toEqual([head(seededXaml), tail(seededXaml)]);
  });

  it('declares every variable it uses and nothing it removed', () => {
    const declared = [...result.xaml.matchAll(/<Variable x:TypeArguments="x:Object" Name="([^"]+)"/g)].map(
      (m) => m[1],
    );
    const used = new Set([...result.xaml.matchAll(/\b(CreateStep1_\d+)\b/g)].map((m) => m[1]));
    expect(new Set(declared)).toEqual(used);
  });

  it('produces XAML the interpreter runs into the e-mail the recipient sees', () => {
    const invitation = { logicalName: 'adx_invitation', id: '11111111-1111-1111-1111-111111111111' };
    const rows: Record<string, Record<string, unknown>> = {
      'adx_invitation:11111111-1111-1111-1111-111111111111': {
        adx_name: 'Partners 2027',
        adx_invitationcode: 'abc-123',
        adx_expirydate: '2027-01-31T00:00:00Z',
        adx_invitecontact: { logicalName: 'contact', id: 'c1' },
      },
      'contact:c1': { fullname: 'Ada Lovelace' },
    };
    const [email] = evaluateWorkflow(result.xaml, invitation, {
      loader: { get: (t, id) => rows[`${t}:${id}`] },
    });
    expect(email).toMatchObject({
      kind: 'create',
      values: {
        subject: 'Hi Ada Lovelace, your invitation to Partners 2027',
        description:
          '<p>Your code: <b>abc-123</b></p><p>Register at <a href="https://portal.example.com/register?invitation=abc-123&amp;lang=en">https://portal.example.com/register?invitation=abc-123&amp;lang=en</a></p><p>Valid until 2027-01-31.</p>',
        from: [
          { logicalName: 'systemuser', id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Portal Mailer' },
        ],
        to: [{ logicalName: 'contact', id: 'c1' }],
      },
    });
  });

  it('is idempotent: patching the result again changes nothing and returns the same XAML', () => {
    const again = patchEmailStep(result.xaml, { ...patch, from: SENDER });
    expect([again.changed, again.xaml === result.xaml]).toEqual([false, true]);
  });
});

describe('patchEmailStep on a compact Send Email step', () => {
  const result = patchEmailStep(compactInvitationXaml, patch);

  it('removes CC', () => {
    expect([readEmailStep(compactInvitationXaml).cc, result.after.cc]).toEqual([
      '{invitation.adx_invitercontact}',
      '',
    ]);
  });

  it('replaces the To union with the invited contact', () => {
    expect(result.after.to).toBe('{invitation.adx_invitecontact}');
  });

  it('keeps the From it had when none is given', () => {
    expect(result.after.from).toBe('systemuser:Kaspar Bøgh Christensen');
  });

  it('stays on one line, like the export', () => {
    expect(result.xaml).not.toContain('\n');
  });

  it('keeps the other properties of the e-mail (priority, currency) byte for byte', () => {
    const slice = (xaml: string) =>
      xaml.slice(
        xaml.indexOf('<mxswa:GetEntityProperty Attribute="adx_invitationid"'),
        xaml.indexOf('<mxswa:SendEmail'),
      );
    expect(slice(result.xaml)).toBe(
      slice(compactInvitationXaml).replace(
        /<mxswa:GetEntityProperty Attribute="adx_invitercontact"[\s\S]*$/,
        '',
      ),
    );
  });

  it('parses back as XML', () => {
    expect(() => parseXaml(result.xaml)).not.toThrow();
  });

  it('reuses the document’s EvaluateExpression assembly version', () => {
    expect(result.xaml).not.toContain('Version=9.0.0.0');
  });
});

describe('patchEmailStep when a field is missing', () => {
  const withoutSubject = seededXaml.replace('Attribute="subject"', 'Attribute="category"');
  const result = patchEmailStep(withoutSubject, patch);

  it('adds the subject before the closing CreateEntity', () => {
    const subjectAt = result.xaml.indexOf('Attribute="subject"');
    expect(subjectAt > 0 && subjectAt < result.xaml.indexOf('<mxswa:CreateEntity')).toBe(true);
  });

  it('leaves the unrelated setter it found in place', () => {
    expect(result.xaml).toContain('Attribute="category"');
  });
});

describe('patchEmailStep refusals', () => {
  it('refuses a workflow whose primary table is not adx_invitation', () => {
    expect(() => patchEmailStep(referenceXaml, patch)).toThrow(/runs on "account"/);
  });

  it('refuses an unknown placeholder and lists the supported ones', () => {
    expect(() => patchEmailStep(seededXaml, { ...patch, subject: 'Hi {firstname}' })).toThrow(
      /Unknown placeholder \{firstname\}.*\{code\}/,
    );
  });

  it('refuses {redeemUrl} without a redeem URL', () => {
    expect(() => patchEmailStep(seededXaml, { subject: 's', body: '{redeemUrl}' })).toThrow(/no redeem URL/);
  });

  it('refuses a redeem URL without {code}', () => {
    expect(() => patchEmailStep(seededXaml, { ...patch, redeemUrl: 'https://p/register' })).toThrow(
      /has no \{code\}/,
    );
  });

  it('refuses a sender id that is not a GUID', () => {
    expect(() =>
      patchEmailStep(seededXaml, { ...patch, from: { logicalName: 'systemuser', id: 'bob' } }),
    ).toThrow(XamlError);
  });

  it('refuses XAML without an e-mail step', () => {
    const noEmail = seededXaml.replace('New Entity(&quot;email&quot;)', 'New Entity(&quot;task&quot;)');
    expect(() => patchEmailStep(noEmail, patch)).toThrow(/no e-mail step/);
  });

  it('leaves CSS braces in the body as text', () => {
    const result = patchEmailStep(seededXaml, { ...patch, body: '<style>p{color:red}</style><p>{code}</p>' });
    expect(result.after.body).toBe('<style>p{color:red}</style><p>{code}</p>');
  });
});

describe('patchEmailStep: whose mistake a refusal is', () => {
  const problemOf = (run: () => unknown): string | undefined => {
    try {
      run();
    } catch (error) {
      if (error instanceof XamlError) return error.problem;
      throw error;
    }
    return undefined;
  };

  it.each([
    ['a blank subject', { ...patch, subject: ' ' }],
    ['a blank body', { ...patch, body: '' }],
    [
      'a sender that is neither a user nor a queue',
      { ...patch, from: { ...SENDER, logicalName: 'contact' } },
    ],
    ['a sender id that is not a GUID', { ...patch, from: { ...SENDER, id: 'bob' } }],
    ['an unknown placeholder', { ...patch, subject: 'Hi {firstname}' }],
    ['a redeem URL without {code}', { ...patch, redeemUrl: 'https://p/register' }],
  ])('%s is the caller’s template mistake', (_case, bad) => {
    expect(problemOf(() => patchEmailStep(seededXaml, bad as TemplatePatch))).toBe('template');
  });

  it('a workflow on another table is a problem of the definition', () => {
    expect(problemOf(() => patchEmailStep(referenceXaml, patch))).toBe('definition');
  });

  it('XAML without an e-mail step is a problem of the definition', () => {
    const noEmail = seededXaml.replace('New Entity(&quot;email&quot;)', 'New Entity(&quot;task&quot;)');
    expect(problemOf(() => patchEmailStep(noEmail, patch))).toBe('definition');
  });
});
