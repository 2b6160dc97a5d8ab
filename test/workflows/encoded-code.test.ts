import { readFileSync } from 'fs';
import { join } from 'path';
import { generateInvitationCode } from '../../sdk/invitations/codes';
import { evaluateWorkflow, type RecordLoader } from '../../sdk/workflows/xaml/evaluate';
import { XamlError } from '../../sdk/workflows/xaml/errors';
import { patchEmailStep, type TemplatePatch } from '../../sdk/workflows/xaml/patch-email-step';
import { readEmailStep, readEncodedCodeStep } from '../../sdk/workflows/xaml/read-email-step';
import { seededXaml } from './xaml-helpers';

/**
 * A Send Invitation definition with an "Encode Invitation Code" step, as Microsoft's portal docs
 * describe the stock one (`…&invitation={Encoded Invitation Code(Encode Invitation Code)}`), built
 * in the designer's shape for a custom activity step: a Composite that reads adx_invitationcode and
 * runs the activity, whose output fills a workflow variable the e-mail reads.
 */
const encodedXaml = readFileSync(join(__dirname, 'fixtures', 'send-invitation-encoded-code.xaml'), 'utf8');
const OUTPUT = 'CustomActivityStep1EncodedInvitationCode_localParameter';
const REDEEM_URL = 'https://portal.example.com/register/?returnurl=%2f&invitation={code}';
const INVITATION = { logicalName: 'adx_invitation', id: '11111111-1111-1111-1111-111111111111' };
const CONTACT = { logicalName: 'contact', id: '22222222-2222-2222-2222-222222222222' };

const patch: TemplatePatch = {
  subject: 'Your invitation',
  body: '<p><a href="{redeemUrl}">Accept</a> or enter the code {code}.</p>',
  redeemUrl: REDEEM_URL,
};

function loaderWithCode(code: string): RecordLoader {
  return {
    get: (logicalName, id) =>
      ({
        [`adx_invitation:${INVITATION.id}`]: { adx_invitationcode: code, adx_invitecontact: CONTACT },
        [`contact:${CONTACT.id}`]: { fullname: 'Ada Lovelace', emailaddress1: 'ada@example.com' },
      })[`${logicalName}:${id}`],
  };
}

/** The body of the e-mail the definition writes (the emulator's ExecuteWorkflow). */
function bodyFor(xaml: string, code: string): string {
  const effects = evaluateWorkflow(xaml, INVITATION, { loader: loaderWithCode(code) });
  const create = effects.find((effect) => effect.kind === 'create');
  if (create?.kind !== 'create') throw new Error('the workflow created no e-mail');
  return String(create.values.description);
}

function hrefOf(html: string): URL {
  const href = /href="([^"]*)"/.exec(html)?.[1] ?? '';
  return new URL(href.replace(/&amp;/g, '&'));
}

/** The workflow's markup before its e-mail step: variables and the Encode Invitation Code step. */
function beforeEmailStep(xaml: string): string {
  return xaml.slice(
    xaml.indexOf('<mxswa:Workflow>'),
    xaml.indexOf('<Sequence DisplayName="SendEmailStep2">'),
  );
}

describe('a definition with an Encode Invitation Code step', () => {
  it('shows the step output as {encodedCode} in the e-mail', () => {
    expect(readEmailStep(encodedXaml).body).toBe(
      '<p>You have been invited to the partner portal.</p><p><a href="https://portal.example.com/register/?returnurl=%2f&amp;invitation={encodedCode}">https://portal.example.com/register/?returnurl=%2f&amp;invitation={encodedCode}</a></p>',
    );
  });

  it('names the step and the output {encodedCode} comes from', () => {
    expect(readEncodedCodeStep(encodedXaml)).toEqual({
      stepName: 'CustomActivityStep1',
      description: 'Encode Invitation Code',
      output: 'EncodedInvitationCode',
      activity: 'Contoso.Portal.Workflow.EncodeInvitationCode',
    });
  });

  it('gets the encoded value where the redeem URL has {code}, the raw code elsewhere', () => {
    const { xaml } = patchEmailStep(encodedXaml, patch);
    expect(readEmailStep(xaml).body).toBe(
      '<p><a href="https://portal.example.com/register/?returnurl=%2f&amp;invitation={encodedCode}">Accept</a> or enter the code {code}.</p>',
    );
    expect(xaml).toContain(`[New Object() { ${OUTPUT} }]`);
  });

  it('keeps the Encode Invitation Code step and its variable as they were', () => {
    const { xaml } = patchEmailStep(encodedXaml, patch);
    expect(beforeEmailStep(xaml)).toBe(beforeEmailStep(encodedXaml));
  });

  it('reads back as the template that was written, and a second run changes nothing', () => {
    const once = patchEmailStep(encodedXaml, patch);
    expect(once.after.body).toBe(patch.body);
    const twice = patchEmailStep(once.xaml, patch);
    expect([twice.changed, twice.xaml === once.xaml]).toEqual([false, true]);
  });

  it('writes an e-mail whose link carries the percent-encoded code', () => {
    const body = bodyFor(patchEmailStep(encodedXaml, patch).xaml, 'ab+c/d=e f');
    expect(hrefOf(body).searchParams.get('invitation')).toBe('ab+c/d=e f');
    expect(body).toContain('invitation=ab%2Bc%2Fd%3De%20f"');
  });

  it('takes {encodedCode} in a template as the step output', () => {
    const { xaml } = patchEmailStep(encodedXaml, { subject: 'Code {encodedCode}', body: '<p>{code}</p>' });
    expect(readEmailStep(xaml).subject).toBe('Code {encodedCode}');
  });
});

describe('a definition without one', () => {
  it('puts adx_invitationcode in the link, which a code the package writes needs no encoding for', () => {
    // Bytes whose URL-safe base64 holds both "-" and "_", the two characters beyond letters and digits.
    const bytes = (size: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 61 + 20) & 0xff));
    const code = generateInvitationCode(bytes);
    expect(code).toMatch(/-.*_|_.*-/);
    const body = bodyFor(patchEmailStep(seededXaml, patch).xaml, code);
    expect(encodeURIComponent(code)).toBe(code);
    expect(hrefOf(body).searchParams.get('invitation')).toBe(code);
  });

  it('refuses {encodedCode}, pointing to {code}', () => {
    const attempt = () => patchEmailStep(seededXaml, { subject: 'x', body: '<p>{encodedCode}</p>' });
    expect(attempt).toThrow(XamlError);
    expect(attempt).toThrow(/has none before its e-mail step; use \{code\}/);
  });

  it('does not take another custom step that reads the code for an encoder', () => {
    const shortener = encodedXaml
      .replace(/Encode Invitation Code/g, 'Shorten Link')
      .replace(/EncodedInvitationCode/g, 'ShortLink');
    expect(readEncodedCodeStep(shortener)).toBeUndefined();
    expect(readEmailStep(shortener).body).toContain('{?CustomActivityStep1ShortLink_localParameter}');
  });
});

describe('the redeem URL', () => {
  const withUrl = (redeemUrl: string) => () => patchEmailStep(seededXaml, { ...patch, redeemUrl });

  it('refuses characters a link cannot hold, suggesting them percent-encoded', () => {
    expect(withUrl('https://portal.example.com/sign up?invitation={code}')).toThrow(
      /percent-encoded: https:\/\/portal\.example\.com\/sign%20up\?invitation=\{code\}/,
    );
  });

  it('refuses {code} in the host', () => {
    expect(withUrl('https://{code}.portal.example.com/register')).toThrow(/has \{code\} in its host/);
  });

  it('refuses a relative or non-http URL', () => {
    expect(withUrl('/register?invitation={code}')).toThrow(/is not an absolute URL/);
    expect(withUrl('javascript:alert({code})')).toThrow(/the invitation link must be https/);
  });
});
