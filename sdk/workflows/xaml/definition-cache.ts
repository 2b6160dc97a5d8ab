/**
 * Definitions kept parsed for the interpreter: the emulator's ExecuteWorkflow runs one definition
 * for every record of a bulk send, and parsing its XAML is most of the cost of a run.
 */
import type { Element } from '@xmldom/xmldom';
import { isXrm } from './activities';
import { findEncodedCodeStep, type EncodedCodeStep } from './encoded-code';
import { XamlError } from './errors';
import { descendants, parseXaml } from './xml-document';

/** A definition as the interpreter runs it; nothing changes it once parsed. */
export interface ParsedDefinition {
  workflow: Element;
  encoder: EncodedCodeStep | undefined;
}

/** The definitions read most recently, by their XAML: a bulk send runs one definition per record. */
const definitions = new Map<string, ParsedDefinition>();
const DEFINITIONS_KEPT = 8;

/** The parsed definition of `xaml`; throws XamlError when it is not a classic workflow definition. */
export function definitionOf(xaml: string): ParsedDefinition {
  const kept = definitions.get(xaml);
  if (kept) {
    definitions.delete(xaml);
    definitions.set(xaml, kept);
    return kept;
  }
  const document = parseXaml(xaml);
  const workflow = descendants(document.root).find((e) => isXrm(e, 'Workflow'));
  if (!workflow)
    throw new XamlError('The XAML has no <mxswa:Workflow> element; it is not a classic workflow definition.');
  const definition = { workflow, encoder: findEncodedCodeStep(document) };
  definitions.set(xaml, definition);
  if (definitions.size > DEFINITIONS_KEPT) definitions.delete(definitions.keys().next().value as string);
  return definition;
}
