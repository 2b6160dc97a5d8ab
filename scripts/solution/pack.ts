/**
 * Source folder → solution zip: what SolutionPackager /action:Pack does for the parts this product
 * ships (solution manifest, customizations, classic workflows). Each `Workflows/*.xaml.data.xml`
 * holds a `<Workflow>` element that goes back into customizations.xml's `<Workflows>`.
 */
import JSZip from 'jszip';
import { CONTENT_TYPES_XML, SourcePaths, ZipPaths, type FileTree } from './layout';
import { ensureChild, parseXml, serializeXml } from './xml';

/** What {@link packSolution} produced. */
export interface PackResult {
  zip: Buffer;
  /** Workflow xaml files included, zip-relative. */
  workflows: string[];
}

/**
 * Packs a source tree.
 * @throws Error naming the missing or malformed file
 */
export async function packSolution(source: FileTree): Promise<PackResult> {
  const solution = requireFile(source, SourcePaths.solution);
  const customizationsText = requireFile(source, SourcePaths.customizations).toString('utf8');
  const customizations = parseXml(customizationsText, SourcePaths.customizations);
  const root = customizations.documentElement;
  if (!root) throw new Error(`${SourcePaths.customizations} has no root element.`);
  const workflowsElement = ensureChild(customizations, root, 'Workflows');

  const zip = new JSZip();
  const workflows: string[] = [];
  const dataFiles = [...source.keys()]
    .filter((p) => p.startsWith(SourcePaths.workflowsDir) && p.endsWith(SourcePaths.workflowDataSuffix))
    .sort();
  for (const dataPath of dataFiles) {
    const xamlPath = dataPath.slice(0, -'.data.xml'.length);
    const xaml = requireFile(source, xamlPath, `${dataPath} describes it`);
    const data = parseXml(source.get(dataPath)!.toString('utf8'), dataPath).documentElement;
    if (!data || data.localName !== 'Workflow') throw new Error(`${dataPath} does not hold a <Workflow> element.`);
    const imported = customizations.importNode(data, true) as typeof data;
    ensureChild(customizations, imported, 'XamlFileName').textContent = `/${xamlPath}`;
    workflowsElement.appendChild(imported);
    zip.file(xamlPath, xaml);
    workflows.push(xamlPath);
  }
  const orphans = [...source.keys()].filter(
    (p) => p.startsWith(SourcePaths.workflowsDir) && p.endsWith('.xaml') && !workflows.includes(p),
  );
  if (orphans.length > 0) {
    throw new Error(`${orphans.join(', ')} has no ${SourcePaths.workflowDataSuffix} file beside it.`);
  }

  zip.file(ZipPaths.contentTypes, CONTENT_TYPES_XML);
  zip.file(ZipPaths.solution, solution);
  zip.file(ZipPaths.customizations, serializeXml(customizations));
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { zip: buffer, workflows };
}

function requireFile(tree: FileTree, path: string, why = 'a solution source folder needs it'): Buffer {
  const file = tree.get(path);
  if (!file) throw new Error(`${path} is missing (${why}).`);
  return file;
}
