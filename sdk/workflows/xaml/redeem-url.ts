/**
 * The registration link placeholders of a template, `{redeemUrl}` and `{redeemLink}`, which the
 * patcher expands into literal text around `{code}` before the template is parsed:
 *
 * - in the HTML body, `{redeemUrl}` inside a tag (an attribute value such as `href="{redeemUrl}"`
 *   or `src='{redeemUrl}'`) becomes the bare URL, escaped for that attribute's quotes;
 * - in the HTML body's text, `{redeemUrl}` and `{redeemLink}` become a whole link
 *   `<a href="URL">URL</a>`;
 * - in plain text (the subject), both become the bare URL.
 *
 * `{code}` in the URL is where the invitation code goes: the definition's encoded code when it has
 * an Encode Invitation Code step (encoded-code.ts), else adx_invitationcode as stored. A classic
 * workflow has no expression that percent-encodes, so the raw code makes a valid link only when it
 * needs no encoding, as every code this package writes (`A-Z a-z 0-9 - _`, invitations/codes.ts).
 * The rest of the URL is checked here: an absolute http(s) URL with nothing left to encode.
 *
 * Reading a patched step with the same redeem URL collapses the expansions back to `{redeemUrl}`.
 */
import { XamlError } from './errors';

/** The placeholder for the registration URL (bare inside attributes, a link in HTML text). */
export const REDEEM_URL = '{redeemUrl}';
/** The placeholder for an explicit link to the registration URL. */
export const REDEEM_LINK = '{redeemLink}';
/** Where the code goes in a redeem URL. */
export const CODE_IN_URL = '{code}';

/** Characters a URL may hold literally (RFC 3986's unreserved, reserved and `%`). */
const URL_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
/** Stands in for the code while the URL is parsed: unreserved, so the parser leaves it alone. */
const CODE_MARKER = '__code__';

/** A tag: `<` then a name, `/` or `!`, up to its `>` (or the end of an unclosed one). */
const TAG = /<[A-Za-z/!][^>]*>?/g;

/**
 * Replaces `{redeemUrl}` and `{redeemLink}` (see the file comment) in a template. `html` says the
 * template is an HTML body; `code` is the placeholder that takes the place of `{code}` in the URL
 * (`{encodedCode}` for a definition that encodes it). Throws XamlError when the URL has no `{code}`
 * or is not a valid URL, when a template needs a URL and none was given, or when `{redeemLink}`
 * stands inside a tag.
 */
export function expandRedeemUrl(
  template: string,
  redeemUrl: string | undefined,
  html: boolean,
  code = CODE_IN_URL,
): string {
  if (!template.includes(REDEEM_URL) && !template.includes(REDEEM_LINK)) return template;
  const url = checkRedeemUrl(redeemUrl).split(CODE_IN_URL).join(code);
  if (!html) return template.split(REDEEM_URL).join(url).split(REDEEM_LINK).join(url);
  return mapTagsAndText(
    template,
    (tag) => {
      if (tag.includes(REDEEM_LINK)) {
        throw new XamlError(
          `{redeemLink} is a whole <a> element and cannot stand inside the tag ${tag}; use {redeemUrl} in attribute values, e.g. <a href="{redeemUrl}">.`,
          { problem: 'template' },
        );
      }
      return expandInTag(tag, url);
    },
    (text) => text.split(REDEEM_URL).join(linkTo(url)).split(REDEEM_LINK).join(linkTo(url)),
  );
}

/**
 * The reverse of {@link expandRedeemUrl} on readable text (fields shown as `{placeholders}`):
 * the expansions of `redeemUrl` (with `code` for `{code}`) become `{redeemUrl}` again. Text without
 * them is returned as is.
 */
export function collapseRedeemUrl(
  text: string,
  configured: string | undefined,
  html: boolean,
  code = CODE_IN_URL,
): string {
  if (!configured || !configured.includes(CODE_IN_URL)) return text;
  const redeemUrl = configured.split(CODE_IN_URL).join(code);
  if (!html) return text.split(redeemUrl).join(REDEEM_URL);
  return mapTagsAndText(
    text.split(linkTo(redeemUrl)).join(REDEEM_URL),
    (tag) =>
      tag
        .split(attributeValue(redeemUrl, '"'))
        .join(REDEEM_URL)
        .split(attributeValue(redeemUrl, "'"))
        .join(REDEEM_URL),
    (rest) => rest,
  );
}

function checkRedeemUrl(redeemUrl: string | undefined): string {
  if (!redeemUrl) {
    throw new XamlError(
      'The template uses {redeemUrl} or {redeemLink} but no redeem URL was given; pass one (e.g. https://portal.example.com/register?invitation={code}).',
      { problem: 'template' },
    );
  }
  if (!redeemUrl.includes(CODE_IN_URL)) {
    throw new XamlError(
      `The redeem URL "${redeemUrl}" has no {code}; add it where the invitation code goes, e.g. ?invitation={code}.`,
      { problem: 'template' },
    );
  }
  return checkUrlText(redeemUrl);
}

/** The literal part of the URL must be a valid absolute http(s) URL that needs no more encoding. */
function checkUrlText(redeemUrl: string): string {
  const mistake = (problem: string) =>
    new XamlError(`The redeem URL "${redeemUrl}" ${problem}`, { problem: 'template' });
  const sample = redeemUrl.split(CODE_IN_URL).join(CODE_MARKER);
  let parsed: URL;
  try {
    parsed = new URL(sample);
  } catch {
    throw mistake(
      'is not an absolute URL; give the whole address, e.g. https://portal.example.com/register?invitation={code}.',
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw mistake(`is a ${parsed.protocol} URL; the invitation link must be https (or http).`);
  }
  const authority = `${parsed.protocol}//${parsed.host}`.length;
  if (redeemUrl.indexOf(CODE_IN_URL) < authority) {
    throw mistake('has {code} in its host; put it in the path or the query, e.g. ?invitation={code}.');
  }
  const literal = redeemUrl.split(CODE_IN_URL).join('');
  if (!URL_CHARACTERS.test(literal) || /%(?![0-9A-Fa-f]{2})/.test(literal)) {
    const suggestion = parsed.href.split(CODE_MARKER).join(CODE_IN_URL);
    throw mistake(`has characters a link cannot hold as they are; write them percent-encoded: ${suggestion}`);
  }
  return redeemUrl;
}

/** Applies `inTag` to each tag (`<…>`, an unclosed one included) and `inText` to the text between. */
function mapTagsAndText(
  template: string,
  inTag: (tag: string) => string,
  inText: (text: string) => string,
): string {
  let out = '';
  let last = 0;
  for (const match of template.matchAll(TAG)) {
    out += inText(template.slice(last, match.index)) + inTag(match[0]);
    last = match.index + match[0].length;
  }
  return out + inText(template.slice(last));
}

/** Inside a tag the URL goes bare, escaped for the quotes of the attribute value it stands in. */
function expandInTag(tag: string, url: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < tag.length; i++) {
    if (tag.startsWith(REDEEM_URL, i)) {
      out += attributeValue(url, quote ?? '"');
      i += REDEEM_URL.length - 1;
      continue;
    }
    const char = tag[i];
    if (quote === undefined && (char === '"' || char === "'")) quote = char;
    else if (char === quote) quote = undefined;
    out += char;
  }
  return out;
}

/** The URL as an attribute value between `quote`s: `&` and that quote escaped. */
function attributeValue(url: string, quote: string): string {
  const escaped = url
    .replace(/&(?!amp;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  return quote === '"' ? escaped.replace(/"/g, '&quot;') : escaped.replace(/'/g, '&#39;');
}

function linkTo(url: string): string {
  const href = attributeValue(url, '"');
  return `<a href="${href}">${href}</a>`;
}
