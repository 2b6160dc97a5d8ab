/**
 * Solution zip → source folder: what SolutionPackager /action:Extract does for solution manifest,
 * customizations and classic workflows. Each `<Workflow>` element leaves customizations.xml for a
 * `Workflows/<Name>-<GUID>.xaml.data.xml` file beside its XAML.
 */
import type { Element } from '@xmldom/xmldom';
import { extractWorkflowElements, workflowDataFileText } from './customizations-text';
import { SOLUTION_ZIP_HINT, SolutionFileError } from './errors';
import { SourcePaths, ZipPaths, type FileTree } from './layout';
import { childElements, childText, parseXml, serializeXml } from './xml';
import { findCustomizationsEntry, openZip, requireManifestEntry, zipFiles } from './zip';

/** The element as a standalone document's text: verbatim when that parses alone, else serialised. */
function standalone(verbatim: string | undefined, element: Element): string {
  if (verbatim !== undefined) {
    try {
      parseXml(verbatim, 'workflow');
      return verbatim;
    } catch {
      // A prefix declared only on customizations.xml's root (e.g. xsi:) needs the serialiser's declarations.
    }
  }
  return serializeXml(element);
}

/** Splits customizations.xml into the emptied file and one data file per workflow. */
function splitCustomizations(text: string): { customizations: string; dataFiles: Map<string, string> } {
  const doc = parseXml(text, ZipPaths.customizations);
  const container = childElements(doc.documentElement!, 'Workflows')[0];
  const workflows = container ? childElements(container, 'Workflow') : [];
  const extracted = extractWorkflowElements(text);
  const verbatim = extracted?.elements.length === workflows.length ? extracted.elements : undefined;
  const dataFiles = new Map<string, string>();
  for (const [i, workflow] of workflows.entries()) {
    const xamlFile = childText(workflow, 'XamlFileName')?.replace(/^\/+/, '');
    if (!xamlFile) {
      throw new SolutionFileError(
        'A <Workflow> in customizations.xml has no <XamlFileName>. Export the solution again.',
      );
    }
    const element = standalone(verbatim?.[i], workflow);
    dataFiles.set(`${xamlFile}.data.xml`, workflowDataFileText(element, text));
  }
  if (verbatim) return { customizations: extracted!.emptied, dataFiles };
  if (container) {
    while (container.firstChild) container.removeChild(container.firstChild);
  }
  return { customizations: serializeXml(doc), dataFiles };
}

/**
 * Unpacks a solution zip into the source layout ({@link SourcePaths}).
 * @throws SolutionFileError when the bytes are not a zip or lack solution.xml or customizations.xml
 */
export async function unpackSolution(zipBytes: Uint8Array): Promise<FileTree> {
  const zip = await openZip(zipBytes);
  const tree: FileTree = new Map();
  tree.set(SourcePaths.solution, await requireManifestEntry(zip).async('nodebuffer'));
  const customizationsEntry = findCustomizationsEntry(zip);
  if (!customizationsEntry) {
    throw new SolutionFileError(
      `The zip has no ${ZipPaths.customizations}; is it a Dataverse solution? ${SOLUTION_ZIP_HINT}`,
    );
  }
  const { customizations, dataFiles } = splitCustomizations(await customizationsEntry.async('string'));
  for (const [path, text] of dataFiles) tree.set(path, Buffer.from(text, 'utf8'));
  tree.set(SourcePaths.customizations, Buffer.from(customizations, 'utf8'));
  for (const file of zipFiles(zip)) {
    if (file.name.startsWith(ZipPaths.workflowsDir)) tree.set(file.name, await file.async('nodebuffer'));
  }
  return tree;
}
