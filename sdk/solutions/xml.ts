/** The few XML operations the solution code needs, over @xmldom/xmldom (which keeps order and attributes). */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { SolutionFileError } from './errors';

/**
 * Parses XML text (a leading byte-order mark is ignored).
 * @param fileName named in the error
 * @throws SolutionFileError when the text is not well-formed or has no root element
 */
export function parseXml(text: string, fileName: string): Document {
  const malformed = (detail: string) =>
    new SolutionFileError(
      `${fileName} is not well-formed XML: ${detail}. Fix the file or export the solution again.`,
    );
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw malformed(message);
      },
    }).parseFromString(stripBom(text), 'text/xml');
  } catch (error) {
    if (error instanceof SolutionFileError) throw error;
    throw malformed((error as Error).message);
  }
  if (!doc.documentElement) {
    throw new SolutionFileError(
      `${fileName} has no root element. Fix the file or export the solution again.`,
    );
  }
  return doc;
}

/** The text without a leading byte-order mark. */
export function stripBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

/** Serialises a node. */
export function serializeXml(node: Document | Element): string {
  return new XMLSerializer().serializeToString(node);
}

/** Element children of `parent` with the given local name. */
export function childElements(parent: Element | Document, localName: string): Element[] {
  const result: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName) result.push(node as Element);
  }
  return result;
}

/** The first child element named `localName`, created (and appended) when missing. */
export function ensureChild(doc: Document, parent: Element, localName: string): Element {
  const existing = childElements(parent, localName)[0];
  if (existing) return existing;
  const created = doc.createElementNS(parent.namespaceURI, localName);
  parent.appendChild(created);
  return created;
}

/** Text content of the first child element named `localName`, trimmed; undefined when absent or empty. */
export function childText(parent: Element, localName: string): string | undefined {
  return childElements(parent, localName)[0]?.textContent?.trim() || undefined;
}

/** The first descendant element with this tag name, or undefined. */
export function descendant(parent: Element, tag: string): Element | undefined {
  const list = parent.getElementsByTagName(tag);
  return list.length > 0 ? list[0] : undefined;
}

/** Trimmed text of the first descendant with this tag name, or `fallback`. */
export function descendantText(parent: Element, tag: string, fallback = ''): string {
  return descendant(parent, tag)?.textContent?.trim() ?? fallback;
}

/** The `description` attribute of the first `<LocalizedName>` (or `tag`) under `parent`, or ''. */
export function localizedText(parent: Element | undefined, tag = 'LocalizedName'): string {
  const element = parent ? descendant(parent, tag) : undefined;
  return element?.getAttribute('description') ?? '';
}

/** Escapes text for an XML attribute value or element content. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
