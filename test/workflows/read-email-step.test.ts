import { readEmailStep } from '../../sdk/workflows/xaml/read-email-step';
import { XamlError } from '../../sdk/workflows/xaml/errors';
import { referenceXaml, seededXaml } from './xaml-helpers';

describe('readEmailStep', () => {
  describe('on the exported reference (Send Email on account)', () => {
    const view = readEmailStep(referenceXaml);

    it('names the step and its kind', () => {
      expect([view.stepName, view.kind]).toEqual(['SendEmailStep1', 'SendEmail']);
    });

    it('reads From as the static system user', () => {
      expect(view.from).toBe('systemuser:Kaspar Bøgh Christensen');
    });

    it('reads To as the union of two fields of the primary record', () => {
      expect(view.to).toBe('{account.createdby}; {account.modifiedby}');
    });

    it('reads the subject literal', () => {
      expect(view.subject).toBe('Something');
    });

    it('reads the body HTML unescaped once, as the recipient sees it', () => {
      expect(view.body).toBe('<span><span>Some kind of email</span></span>');
    });

    it('reports empty CC and BCC when the step does not set them', () => {
      expect([view.cc, view.bcc]).toEqual(['', '']);
    });
  });

  describe('on the seeded Send Invitation definition', () => {
    const view = readEmailStep(seededXaml);

    it('is a Create Email step', () => {
      expect([view.stepName, view.kind]).toEqual(['CreateStep1', 'CreateEntity']);
    });

    it('sends to the invited contact, from the owner', () => {
      expect([view.to, view.from]).toEqual(['{invitation.adx_invitecontact}', '{invitation.ownerid}']);
    });

    it('reads the subject with its apostrophe', () => {
      expect(view.subject).toBe("You're invited to our portal");
    });

    it('renders the body with the contact name and code placeholders and decoded commas', () => {
      expect(view.body).toBe(
        "<p>Hello {contact.fullname},</p><p>You have been invited to join our portal. Your invitation code is: <strong>{code}</strong></p><p>Enter the code on the portal's registration page to accept the invitation.</p>",
      );
    });
  });

  it('finds an e-mail step nested in a branch (Composite)', () => {
    const nested = seededXaml
      .replace(
        '<Sequence DisplayName="CreateStep1: Create the invitation e-mail">',
        '<mxswa:ActivityReference AssemblyQualifiedName="Microsoft.Crm.Workflow.Activities.Composite, Microsoft.Crm.Workflow" DisplayName="ConditionBranchStep3"><mxswa:ActivityReference.Properties><sco:Collection x:TypeArguments="Activity" x:Key="Activities" xmlns:sco="clr-namespace:System.Collections.ObjectModel;assembly=mscorlib"><Sequence DisplayName="CreateStep1: Create the invitation e-mail">',
      )
      .replace(
        '</Sequence>',
        '</Sequence></sco:Collection></mxswa:ActivityReference.Properties></mxswa:ActivityReference>',
      );
    expect(readEmailStep(nested).subject).toBe("You're invited to our portal");
  });

  it('throws a XamlError naming the missing step when there is no e-mail step', () => {
    const withoutEmail = referenceXaml.replace(
      'New Entity(&quot;email&quot;)',
      'New Entity(&quot;task&quot;)',
    );
    expect(() => readEmailStep(withoutEmail)).toThrow(/no e-mail step/);
  });

  it('throws a XamlError for text that is not XML', () => {
    expect(() => readEmailStep('not xaml')).toThrow(XamlError);
  });
});
