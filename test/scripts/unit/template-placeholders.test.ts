import { closestNames } from '../../../scripts/did-you-mean';
import { checkTemplatePlaceholders } from '../../../scripts/template-placeholders';

const check = (text: string, redeemUrl?: string) =>
  checkTemplatePlaceholders([{ label: 'body', text }], redeemUrl);

describe('template placeholders', () => {
  it('accepts the placeholders of known columns without asking the environment', () => {
    expect(check('{contact.fullname} {contact.firstname} {code} {expiry} {invitation.name}')).toEqual([]);
  });

  it('refuses a typo of a known column, suggesting it', () => {
    expect(() => check('Hi {contact.fulname}')).toThrow(
      expect.objectContaining({
        message: 'body uses the unknown placeholder {contact.fulname}.',
        hint: expect.stringContaining('Did you mean {contact.fullname}?'),
      }),
    );
  });

  it('refuses a typo of the scope, suggesting the placeholder meant', () => {
    expect(() => check('Hi {contcat.fullname}')).toThrow(
      expect.objectContaining({ hint: expect.stringContaining('{contact.fullname}') }),
    );
  });

  it('leaves a column it does not know and nothing close to for the environment to confirm', () => {
    expect(check('{contact.spousesname}')).toEqual([
      { placeholder: '{contact.spousesname}', label: 'body', logicalName: 'contact', column: 'spousesname' },
    ]);
  });
});

describe('closestNames', () => {
  it('suggests only names within a couple of edits', () => {
    expect(closestNames('fulname', ['fullname', 'firstname', 'lastname'])).toEqual(['fullname']);
    expect(closestNames('telephone', ['fullname'])).toEqual([]);
  });
});
