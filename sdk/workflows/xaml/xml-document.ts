/**
 * Parsing and writing workflow XAML without disturbing it: the XML declaration (which says
 * `utf-16` even when the text is UTF-8) is kept verbatim, attributes keep their order and
 * quoting, and empty elements are written `<x />` as Dataverse writes them, so an untouched
 * document serialises back byte for byte.
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { WorkflowTable } from '../../entities/workflow';
import { XamlError } from './errors';

/** A parsed XAML document and the text that preceded its root element. */
export interface XamlDocument {
  doc: Document;
  root: Element;
  /** BOM, XML declaration and anything else before the root element, as found. */
  prolog: string;
  /** Whitespace after the root element, as found. */
  epilog: string;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const COMMENT = 8;

/** Parses XAML; throws XamlError with the parser's message when it is not well-formed. */
export function parseXaml(xaml: string): XamlDocument {
  if (typeof xaml !== 'string' || xaml.trim() === '') {
    throw new XamlError(
      `The workflow has no XAML; export or read the definition with its "${WorkflowTable.columns.xaml}" column.`,
    );
  }
  const rootStart = findRootStart(xaml);
  const prolog = xaml.slice(0, rootStart);
  const malformed = (detail: string, cause?: unknown) =>
    new XamlError(
      `The workflow XAML is not well-formed XML: ${detail}`,
      cause === undefined ? {} : { cause },
    );
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw malformed(message);
      },
    }).parseFromString(xaml.slice(rootStart), 'text/xml');
  } catch (error) {
    if (error instanceof XamlError) throw error;
    throw malformed((error as Error).message, error);
  }
  const root = doc.documentElement;
  if (!root) throw new XamlError('The workflow XAML has no root element.');
  return { doc, root, prolog, epilog: /\s*$/.exec(xaml)?.[0] ?? '' };
}

function findRootStart(xaml: string): number {
  const pattern = /<(?![?!])/g;
  let index = 0;
  for (;;) {
    const match = pattern.exec(xaml);
    if (!match) throw new XamlError('The workflow XAML has no root element.');
    index = match.index;
    const before = xaml.slice(0, index);
    // Skip '<' inside comments or declarations before the root.
    const openComments = before.split('<!--').length - 1;
    const closedComments = before.split('-->').length - 1;
    if (openComments === closedComments) return index;
  }
}

/** Writes the document back, prolog first. */
export function serializeXaml(document: XamlDocument): string {
  return document.prolog + serializeNode(document.root) + document.epilog;
}

/** Serialises one node the way Dataverse writes XAML. */
export function serializeNode(node: Node): string {
  switch (node.nodeType) {
    case ELEMENT: {
      const element = node as Element;
      let out = `<${element.tagName}`;
      for (let i = 0; i < element.attributes.length; i++) {
        const attribute = element.attributes.item(i)!;
        out += ` ${attribute.name}="${escapeAttribute(attribute.value)}"`;
      }
      if (!element.firstChild) return `${out} />`;
      out += '>';
      for (let child: Node | null = element.firstChild; child; child = child.nextSibling)
        out += serializeNode(child);
      return `${out}</${element.tagName}>`;
    }
    case TEXT:
      return escapeText((node as unknown as { data: string }).data);
    case CDATA:
      return `<![CDATA[${(node as unknown as { data: string }).data}]]>`;
    case COMMENT:
      return `<!--${(node as unknown as { data: string }).data}-->`;
    default:
      return '';
  }
}

/** Escapes text content: `&`, `<`, `>`. */
export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value: `&`, `<`, `>`, `"`. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** Element children of a node, in order. */
export function childElements(node: Node): Element[] {
  const out: Element[] = [];
  for (let child: Node | null = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT) out.push(child as Element);
  }
  return out;
}

/** All element descendants in document order (pre-order). */
export function descendants(node: Node): Element[] {
  const out: Element[] = [];
  const walk = (parent: Node) => {
    for (let child: Node | null = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === ELEMENT) {
        out.push(child as Element);
        walk(child);
      }
    }
  };
  walk(node);
  return out;
}

/** True for a whitespace-only text node. */
export function isWhitespace(node: Node | null | undefined): boolean {
  return !!node && node.nodeType === TEXT && /^\s*$/.test((node as unknown as { data: string }).data);
}

/**
 * Parses element markup using the namespace declarations of `context`'s document root, and
 * returns the elements imported into that document (not yet inserted).
 */
export function parseFragment(document: XamlDocument, markup: string): Element[] {
  const declarations: string[] = [];
  for (let i = 0; i < document.root.attributes.length; i++) {
    const attribute = document.root.attributes.item(i)!;
    if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) {
      declarations.push(`${attribute.name}="${escapeAttribute(attribute.value)}"`);
    }
  }
  const wrapper = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new XamlError(`Generated XAML is not well-formed: ${message}`);
    },
  }).parseFromString(`<fragment ${declarations.join(' ')}>${markup}</fragment>`, 'text/xml');
  return childElements(wrapper.documentElement!).map(
    (element) => document.doc.importNode(element, true) as Element,
  );
}
