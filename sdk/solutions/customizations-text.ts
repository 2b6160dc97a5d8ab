/**
 * Moving `<Workflow>` elements into and out of customizations.xml's `<Workflows>` as text, so every
 * other byte of the file (declaration, indentation, `<Entities />` spacing, final newline) stays as
 * it was and pack → unpack gives back the source files unchanged. Each function answers undefined
 * when the text is not plain enough to edit safely; the caller then edits the DOM instead.
 */
import { XML_DECLARATION } from './layout';

const WORKFLOWS_TAG = /<Workflows(?=[\s/>])/g;
const EMPTY_WORKFLOWS = /<Workflows\s*\/>/;
const FULL_WORKFLOWS = /<Workflows(?:\s[^>]*)?>([\s\S]*?)<\/Workflows\s*>/;
const WORKFLOW_START = /<Workflow(?=[\s/>])[^>]*?(\/?)>/g;
const WORKFLOW_END = /<\/Workflow\s*>/g;

/** Where the one `<Workflows>` element sits in the text, and what it holds. */
function workflowsSpan(text: string): { start: number; end: number; content: string } | undefined {
  if ((text.match(WORKFLOWS_TAG) ?? []).length !== 1) return undefined;
  const empty = EMPTY_WORKFLOWS.exec(text);
  if (empty) return { start: empty.index, end: empty.index + empty[0].length, content: '' };
  const full = FULL_WORKFLOWS.exec(text);
  return full ? { start: full.index, end: full.index + full[0].length, content: full[1] } : undefined;
}

/** The line break the file uses, or '' for a file on one line. */
function lineBreakOf(text: string): string {
  return /\r?\n/.exec(text)?.[0] ?? '';
}

/**
 * customizations.xml with `elements` appended to its `<Workflows>` (created before the root's end
 * tag when missing).
 */
export function insertWorkflowElements(text: string, elements: string[]): string | undefined {
  const added = elements.join('');
  if ((text.match(WORKFLOWS_TAG) ?? []).length === 0) {
    const rootEnd = text.lastIndexOf('</');
    if (rootEnd < 0) return undefined;
    return `${text.slice(0, rootEnd)}<Workflows>${added}</Workflows>${text.slice(rootEnd)}`;
  }
  const span = workflowsSpan(text);
  if (!span) return undefined;
  return `${text.slice(0, span.start)}<Workflows>${span.content}${added}</Workflows>${text.slice(span.end)}`;
}

/**
 * The `<Workflow>` elements of customizations.xml, verbatim and in order, and the file with its
 * `<Workflows>` emptied: `<Workflows />` in an indented file as SolutionPackager writes it,
 * `<Workflows/>` in a one-line file.
 */
export function extractWorkflowElements(text: string): { elements: string[]; emptied: string } | undefined {
  const span = workflowsSpan(text);
  if (!span) return undefined;
  const elements: string[] = [];
  WORKFLOW_START.lastIndex = 0;
  for (let start = WORKFLOW_START.exec(span.content); start; start = WORKFLOW_START.exec(span.content)) {
    let end = WORKFLOW_START.lastIndex;
    if (start[1] !== '/') {
      WORKFLOW_END.lastIndex = end;
      const close = WORKFLOW_END.exec(span.content);
      if (!close) return undefined;
      end = WORKFLOW_END.lastIndex;
    }
    elements.push(span.content.slice(start.index, end));
    WORKFLOW_START.lastIndex = end;
  }
  const empty = lineBreakOf(text) ? '<Workflows />' : '<Workflows/>';
  return { elements, emptied: `${text.slice(0, span.start)}${empty}${text.slice(span.end)}` };
}

/**
 * A `.xaml.data.xml` file holding one `<Workflow>` element, laid out like the customizations.xml it
 * came from: the declaration on its own line and a final line break when that file has them.
 */
export function workflowDataFileText(element: string, customizations: string): string {
  const lineBreak = lineBreakOf(customizations);
  const finalBreak = lineBreak && customizations.endsWith(lineBreak) ? lineBreak : '';
  return `${XML_DECLARATION}${lineBreak}${element}${finalBreak}`;
}

/** The `<Workflow>` element of a `.xaml.data.xml` file as text: without declaration or surrounding space. */
export function workflowElementText(dataFile: string): string | undefined {
  const element = dataFile
    .replace(/^\uFEFF/, '')
    .replace(/^\s*<\?xml[^>]*\?>/, '')
    .trim();
  return /^<Workflow(?=[\s/>])/.test(element) ? element : undefined;
}
