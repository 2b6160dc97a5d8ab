import { evaluateWorkflow, type RecordLoader } from '../../sdk/workflows/xaml/evaluate';
import { XamlError } from '../../sdk/workflows/xaml/errors';
import { patchEmailStep, type TemplatePatch } from '../../sdk/workflows/xaml/patch-email-step';
import { readEmailStep } from '../../sdk/workflows/xaml/read-email-step';
import { seededXaml } from './xaml-helpers';

const INVITATION_ID = '11111111-1111-1111-1111-111111111111';
const CONTACT = { logicalName: 'contact', id: '22222222-2222-2222-2222-222222222222' };
const CODE = 'Q1w2-E3r4_T5';
const REDEEM_URL = 'https://portal.example.com/register?invitation={code}&lang=en';

const loader: RecordLoader = {
  get: (logicalName, id) =>
    ({
      [`adx_invitation:${INVITATION_ID}`]: {
        adx_name: 'Welcome Ada',
        adx_invitationcode: CODE,
        adx_invitecontact: CONTACT,
      },
      [`contact:${CONTACT.id}`]: { fullname: 'Ada Lovelace', emailaddress1: 'ada@example.com' },
    })[`${logicalName}:${id}`],
};

function patchOf(body: string, subject = 'Your invitation'): TemplatePatch {
  return { subject, body, redeemUrl: REDEEM_URL };
}

/** The e-mail the patched workflow writes for the invitation above. */
function emailOf(patch: TemplatePatch): Record<string, unknown> {
  const effects = evaluateWorkflow(
    patchEmailStep(seededXaml, patch).xaml,
    { logicalName: 'adx_invitation', id: INVITATION_ID },
    { loader },
  );
  const create = effects.find((effect) => effect.kind === 'create');
  if (create?.kind !== 'create') throw new Error('the workflow created no e-mail');
  return create.values;
}

describe('{redeemUrl} in an attribute value', () => {
  const body = '<p>Hello {contact.fullname}</p><p><a href="{redeemUrl}">Accept</a> or use code {code}.</p>';

  it('becomes the bare URL with the code, so the e-mail holds one well-formed link', () => {
    expect(emailOf(patchOf(body)).description).toBe(
      '<p>Hello Ada Lovelace</p><p><a href="https://portal.example.com/register?invitation=Q1w2-E3r4_T5&amp;lang=en">Accept</a> or use code Q1w2-E3r4_T5.</p>',
    );
  });

  it('reads back as the template that was written when read with the same redeem URL', () => {
    const { xaml } = patchEmailStep(seededXaml, patchOf(body));
    expect(readEmailStep(xaml, { redeemUrl: REDEEM_URL }).body).toBe(body);
  });

  it('reads back as the URL with {code} when read without the redeem URL', () => {
    const { xaml } = patchEmailStep(seededXaml, patchOf(body));
    expect(readEmailStep(xaml).body).toBe(
      '<p>Hello {contact.fullname}</p><p><a href="https://portal.example.com/register?invitation={code}&amp;lang=en">Accept</a> or use code {code}.</p>',
    );
  });

  it('reports unchanged when the same patch is applied again', () => {
    const once = patchEmailStep(seededXaml, patchOf(body));
    const twice = patchEmailStep(once.xaml, patchOf(body));
    expect([twice.changed, twice.xaml === once.xaml]).toEqual([false, true]);
  });

  it('escapes an apostrophe in the URL for a single-quoted attribute', () => {
    const patch = {
      ...patchOf("<img src='{redeemUrl}'>"),
      redeemUrl: "https://p.example.com/o'hara?c={code}",
    };
    expect(emailOf(patch).description).toBe(`<img src='https://p.example.com/o&#39;hara?c=${CODE}'>`);
  });
});

describe('{redeemUrl} and {redeemLink} in text', () => {
  it('{redeemUrl} in HTML text becomes a link whose href and text carry the code', () => {
    const url = `https://portal.example.com/register?invitation=${CODE}&amp;lang=en`;
    expect(emailOf(patchOf('<p>Go to {redeemUrl}</p>')).description).toBe(
      `<p>Go to <a href="${url}">${url}</a></p>`,
    );
  });

  it('{redeemLink} in HTML text is the same link', () => {
    const body = '<p>Go to {redeemLink}</p>';
    expect(emailOf(patchOf(body)).description).toBe(emailOf(patchOf('<p>Go to {redeemUrl}</p>')).description);
  });

  it('{redeemLink} inside a tag is refused, pointing to {redeemUrl}', () => {
    expect(() => patchEmailStep(seededXaml, patchOf('<a href="{redeemLink}">Go</a>'))).toThrow(
      new XamlError(
        '{redeemLink} is a whole <a> element and cannot stand inside the tag <a href="{redeemLink}">; use {redeemUrl} in attribute values, e.g. <a href="{redeemUrl}">.',
      ),
    );
  });

  it('{redeemUrl} in the subject is the bare URL', () => {
    expect(emailOf(patchOf('<p>{code}</p>', 'Join: {redeemUrl}')).subject).toBe(
      `Join: https://portal.example.com/register?invitation=${CODE}&lang=en`,
    );
  });
});
