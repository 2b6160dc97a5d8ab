/**
 * Solution zip → source folder: what SolutionPackager /action:Extract does for solution manifest,
 * customizations and classic workflows. Each `<Workflow>` element leaves customizations.xml for a
 * `Workflows/<Name>-<GUID>.xaml.data.xml` file beside its XAML.
 */
import JSZip from 'jszip';
import { SourcePaths, XML_DECLARATION, ZipPaths, type FileTree } from './layout';
import { childElements, childText, parseXml, serializeXml } from './xml';

/**
 * Unpacks a solution zip into the source layout.
 * @throws Error when the zip lacks solution.xml or customizations.xml
 */
export async function unpackSolution(zipBytes: Buffer): Promise<FileTree> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(zipBytes);
  } catch (error) {
    throw new Error(`Not a solution zip: ${(error as Error).message}`);
  }
  const read = async (path: string) => {
    const entry = zip.file(path);
    if (!entry) throw new Error(`The zip has no ${path}; is it a Dataverse solution?`);
    return entry.async('nodebuffer');
  };
  const tree: FileTree = new Map();
  tree.set(SourcePaths.solution, await read(ZipPaths.solution));

  const customizations = parseXml((await read(ZipPaths.customizations)).toString('utf8'), ZipPaths.customizations);
  const root = customizations.documentElement;
  const workflowsElement = root ? childElements(root, 'Workflows')[0] : undefined;
  for (const workflow of workflowsElement ? childElements(workflowsElement, 'Workflow') : []) {
    const xamlFile = childText(workflow, 'XamlFileName')?.replace(/^\/+/, '');
    if (!xamlFile) throw new Error('A <Workflow> in customizations.xml has no <XamlFileName>.');
    tree.set(`${xamlFile}.data.xml`, Buffer.from(XML_DECLARATION + serializeXml(workflow), 'utf8'));
    workflowsElement!.removeChild(workflow);
  }
  if (workflowsElement) {
    while (workflowsElement.firstChild) workflowsElement.removeChild(workflowsElement.firstChild);
  }
  tree.set(SourcePaths.customizations, Buffer.from(serializeXml(customizations), 'utf8'));

  for (const path of Object.keys(zip.files).sort()) {
    if (path.startsWith(ZipPaths.workflowsDir) && !zip.files[path].dir) tree.set(path, await read(path));
  }
  return tree;
}
