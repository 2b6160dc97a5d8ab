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
 * Reading a patched step with the same redeem URL collapses the expansions back to `{redeemUrl}`.
 */
import { XamlError } from './errors';

/** The placeholder for the registration URL (bare inside attributes, a link in HTML text). */
export const REDEEM_URL = '{redeemUrl}';
/** The placeholder for an explicit link to the registration URL. */
export const REDEEM_LINK = '{redeemLink}';

/** A tag: `<` then a name, `/` or `!`, up to its `>` (or the end of an unclosed one). */
const TAG = /<[A-Za-z/!][^>]*>?/g;

/**
 * Replaces `{redeemUrl}` and `{redeemLink}` (see the file comment) in a template. `html` says the
 * template is an HTML body. The URL must contain `{code}`; throws XamlError otherwise, when a
 * template needs a URL and none was given, or when `{redeemLink}` stands inside a tag.
 */
export function expandRedeemUrl(template: string, redeemUrl: string | undefined, html: boolean): string {
  if (!template.includes(REDEEM_URL) && !template.includes(REDEEM_LINK)) return template;
  const url = checkRedeemUrl(redeemUrl);
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
 * the expansions of `redeemUrl` become `{redeemUrl}` again. Text without them is returned as is.
 */
export function collapseRedeemUrl(text: string, redeemUrl: string | undefined, html: boolean): string {
  if (!redeemUrl || !redeemUrl.includes('{code}')) return text;
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
  if (!redeemUrl.includes('{code}')) {
    throw new XamlError(
      `The redeem URL "${redeemUrl}" has no {code}; add it where the invitation code goes, e.g. ?invitation={code}.`,
      { problem: 'template' },
    );
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
