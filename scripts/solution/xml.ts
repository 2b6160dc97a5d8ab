/** The few XML operations pack/unpack need, over @xmldom/xmldom (which keeps order and attributes). */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';

/** Parses XML text; throws with the file name when it is not well-formed. */
export function parseXml(text: string, fileName: string): Document {
  try {
    return new DOMParser({ onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    } }).parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml');
  } catch (error) {
    throw new Error(`${fileName} is not well-formed XML: ${(error as Error).message}`);
  }
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

/** Text content of the first child element named `localName`, trimmed. */
export function childText(parent: Element, localName: string): string | undefined {
  return childElements(parent, localName)[0]?.textContent?.trim() || undefined;
}
