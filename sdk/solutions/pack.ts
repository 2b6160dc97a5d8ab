/**
 * Source folder → solution zip: what SolutionPackager /action:Pack does for the parts this product
 * ships (solution manifest, customizations, classic workflows). Each `Workflows/*.xaml.data.xml`
 * holds a `<Workflow>` element that goes back into customizations.xml's `<Workflows>`.
 */
import JSZip from 'jszip';
import { insertWorkflowElements, workflowElementText } from './customizations-text';
import { SolutionFileError } from './errors';
import { CONTENT_TYPES_XML, SourcePaths, ZipPaths, type FileTree } from './layout';
import { childText, ensureChild, parseXml, serializeXml } from './xml';
import { generateZip } from './zip';

/** What {@link packSolution} produced. */
export interface PackResult {
  zip: Buffer;
  /** Workflow xaml files included, zip-relative. */
  workflows: string[];
}

function requireFile(tree: FileTree, path: string, why = 'a solution source folder needs it'): Buffer {
  const file = tree.get(path);
  if (!file) throw new SolutionFileError(`${path} is missing (${why}).`);
  return file;
}

/** The data file's `<Workflow>` element as text, pointing at its XAML file. */
function workflowElement(dataPath: string, dataText: string, xamlPath: string): string {
  const doc = parseXml(dataText, dataPath);
  const data = doc.documentElement!;
  if (data.localName !== 'Workflow') {
    throw new SolutionFileError(`${dataPath} does not hold a <Workflow> element.`);
  }
  const xamlFileName = `/${xamlPath}`;
  const verbatim =
    childText(data, 'XamlFileName') === xamlFileName ? workflowElementText(dataText) : undefined;
  if (verbatim) return verbatim;
  ensureChild(doc, data, 'XamlFileName').textContent = xamlFileName;
  return serializeXml(data);
}

/** customizations.xml with the elements added, through the DOM when the text is too unusual to edit. */
function withWorkflows(customizations: string, elements: string[]): string {
  if (elements.length === 0) return customizations;
  const edited = insertWorkflowElements(customizations, elements);
  if (edited !== undefined) return edited;
  const doc = parseXml(customizations, SourcePaths.customizations);
  const container = ensureChild(doc, doc.documentElement!, 'Workflows');
  for (const [i, element] of elements.entries()) {
    const parsed = parseXml(element, `workflow ${i + 1}`).documentElement!;
    container.appendChild(doc.importNode(parsed, true));
  }
  return serializeXml(doc);
}

/**
 * Packs a source tree (paths as in {@link SourcePaths}) into a solution zip.
 * @throws SolutionFileError naming the missing or malformed file
 */
export async function packSolution(source: FileTree): Promise<PackResult> {
  const solution = requireFile(source, SourcePaths.solution);
  const customizations = requireFile(source, SourcePaths.customizations).toString('utf8');
  parseXml(customizations, SourcePaths.customizations);

  const zip = new JSZip();
  const workflows: string[] = [];
  const elements: string[] = [];
  const dataFiles = [...source.keys()]
    .filter((p) => p.startsWith(SourcePaths.workflowsDir) && p.endsWith(SourcePaths.workflowDataSuffix))
    .sort();
  for (const dataPath of dataFiles) {
    const xamlPath = dataPath.slice(0, -'.data.xml'.length);
    const xaml = requireFile(source, xamlPath, `${dataPath} describes it`);
    elements.push(workflowElement(dataPath, source.get(dataPath)!.toString('utf8'), xamlPath));
    zip.file(xamlPath, xaml);
    workflows.push(xamlPath);
  }
  const orphans = [...source.keys()].filter(
    (p) => p.startsWith(SourcePaths.workflowsDir) && p.endsWith('.xaml') && !workflows.includes(p),
  );
  if (orphans.length > 0) {
    throw new SolutionFileError(
      `${orphans.join(', ')} has no ${SourcePaths.workflowDataSuffix} file beside it. Add one holding its <Workflow> element, or remove the XAML.`,
    );
  }

  zip.file(ZipPaths.contentTypes, CONTENT_TYPES_XML);
  zip.file(ZipPaths.solution, solution);
  zip.file(ZipPaths.customizations, withWorkflows(customizations, elements));
  return { zip: await generateZip(zip), workflows };
}
