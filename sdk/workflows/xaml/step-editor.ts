/**
 * Changing one e-mail field inside a step while leaving everything else as it was: the field's
 * setter and the activities that only it uses are replaced in place, new variables are declared
 * next to the old ones, and the document's indentation (if any) is followed.
 */
import type { Element, Node } from '@xmldom/xmldom';
import { EVALUATE_EXPRESSION, isActivity } from './activities';
import { DEFAULT_EVALUATE_EXPRESSION_AQN, ValueBuilder } from './build-activities';
import { settersOf, type EmailStep } from './email-step';
import { XamlError } from './errors';
import { childElements, descendants, isWhitespace, parseFragment, type XamlDocument } from './xml-document';
import { producedVariable, inputVariables, ValueGraph } from './value-graph';
import { referencedNames } from './vb-expression';

const REQUIRED_PREFIXES = ['mxswa', 'mxs', 's', 'x'];

/** Edits the fields of one e-mail step. */
export class StepEditor {
  private readonly released = new Set<string>();
  private readonly added: string[] = [];
  private readonly evaluateAqn: string;
  private counter: number;

  constructor(
    private readonly document: XamlDocument,
    private readonly step: EmailStep,
  ) {
    const missing = REQUIRED_PREFIXES.filter((prefix) => !document.root.hasAttribute(`xmlns:${prefix}`));
    if (missing.length > 0) {
      throw new XamlError(
        `The XAML does not declare the namespace prefixes ${missing.join(', ')} that workflow XAML uses; it cannot be patched safely.`,
      );
    }
    const existing = descendants(document.root)
      .map((e) => e.getAttribute('AssemblyQualifiedName') ?? '')
      .find((aqn) => aqn.startsWith(EVALUATE_EXPRESSION));
    this.evaluateAqn = existing || DEFAULT_EVALUATE_EXPRESSION_AQN;
    const prefix = `${step.stepName}_`;
    const numbers = [...new ValueGraph(step.sequence).variables]
      .filter((v) => v.startsWith(prefix) && /^\d+$/.test(v.slice(prefix.length)))
      .map((v) => Number(v.slice(prefix.length)));
    this.counter = numbers.length ? Math.max(...numbers) : 0;
  }

  /** Replaces the value of `attribute` with what `build` writes (it returns the value's variable). */
  replace(attribute: string, targetType: string, build: (builder: ValueBuilder) => string): void {
    const builder = new ValueBuilder(() => this.allocate(), this.evaluateAqn);
    const variable = build(builder);
    builder.set({ attribute, tempKey: this.step.tempKey, variable, targetType });
    const chain = this.chainOf(attribute);
    const anchor = chain[0] ?? this.step.closing;
    for (const node of parseFragment(this.document, builder.markup.join(''))) this.insertBefore(node, anchor);
    this.removeAll(chain);
  }

  /** Removes every setter of `attribute` and what only it used. */
  remove(attribute: string): void {
    this.removeAll(this.chainOf(attribute));
  }

  /** Declares the new variables and drops declarations nothing refers to any more. */
  finish(): void {
    const declarations = this.variablesElement();
    const used = new Set<string>();
    for (const element of descendants(this.step.sequence)) {
      if (isActivity(element, 'Variable')) continue;
      for (let i = 0; i < element.attributes.length; i++)
        referencedNames(element.attributes.item(i)!.value).forEach((n) => used.add(n));
      for (const child of Array.from(element.childNodes)) {
        if (child.nodeType === 3)
          referencedNames((child as unknown as { data: string }).data).forEach((n) => used.add(n));
      }
    }
    for (const variable of childElements(declarations)) {
      const declared = variable.getAttribute('Name') ?? '';
      if (this.released.has(declared) && !used.has(declared)) this.detach(variable);
    }
    let tail = childElements(declarations).pop();
    for (const added of this.added) {
      const [node] = parseFragment(this.document, `<Variable x:TypeArguments="x:Object" Name="${added}" />`);
      if (tail && isWhitespace(tail.previousSibling)) {
        const whitespace = tail.previousSibling!.cloneNode(false);
        declarations.insertBefore(whitespace, tail.nextSibling);
        declarations.insertBefore(node, whitespace.nextSibling);
      } else {
        declarations.insertBefore(node, tail ? tail.nextSibling : null);
      }
      tail = node;
    }
  }

  private allocate(): string {
    const variable = `${this.step.stepName}_${++this.counter}`;
    this.added.push(variable);
    return variable;
  }

  private chainOf(attribute: string): Element[] {
    const graph = new ValueGraph(this.step.sequence);
    const chain = new Set<Element>();
    for (const setter of settersOf(this.step, attribute)) {
      graph.exclusiveFeeders(setter).forEach((e) => chain.add(e));
      chain.add(setter);
    }
    const order = descendants(this.step.sequence);
    return [...chain].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  private removeAll(chain: Element[]): void {
    for (const element of chain) {
      const produced = producedVariable(element);
      if (produced) this.released.add(produced);
      inputVariables(element).forEach((v) => this.released.add(v));
      this.detach(element);
    }
  }

  private detach(element: Element): void {
    const parent = element.parentNode!;
    if (isWhitespace(element.previousSibling)) parent.removeChild(element.previousSibling!);
    parent.removeChild(element);
  }

  private insertBefore(node: Element, anchor: Element): void {
    const parent = anchor.parentNode!;
    const whitespace = anchor.previousSibling;
    if (isWhitespace(whitespace) && /\n/.test((whitespace as unknown as { data: string }).data)) {
      const indent = (whitespace as unknown as { data: string }).data.split('\n').pop()!;
      indentTree(node, indent, '  ');
      parent.insertBefore(node, anchor);
      parent.insertBefore(whitespace!.cloneNode(false), anchor);
    } else {
      parent.insertBefore(node, anchor);
    }
  }

  private variablesElement(): Element {
    const existing = childElements(this.step.sequence).find((e) => e.localName === 'Sequence.Variables');
    if (existing) return existing;
    const [created] = parseFragment(this.document, '<Sequence.Variables></Sequence.Variables>');
    this.step.sequence.insertBefore(created, this.step.sequence.firstChild);
    return created;
  }
}

/** Adds newline + indentation between the element children of a freshly built subtree. */
function indentTree(element: Element, indent: string, unit: string): void {
  const children = childElements(element);
  const hasText = Array.from(element.childNodes).some((n: Node) => n.nodeType === 3 && !isWhitespace(n));
  if (children.length === 0 || hasText) return;
  const doc = element.ownerDocument!;
  for (const child of children) {
    element.insertBefore(doc.createTextNode(`\n${indent}${unit}`), child);
    indentTree(child, indent + unit, unit);
  }
  element.appendChild(doc.createTextNode(`\n${indent}`));
}
