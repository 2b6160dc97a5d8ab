/**
 * The two shapes of a Dataverse solution, as SolutionPackager lays them out: the source folder kept
 * in git, and the zip Dataverse imports and exports. Every path and fixed file text lives here, once.
 * @see https://learn.microsoft.com/power-platform/alm/solution-packager-tool
 */

/** Files of the source layout, relative to the source folder (e.g. `solution/src`). */
export const SourcePaths = {
  solution: 'Other/Solution.xml',
  customizations: 'Other/Customizations.xml',
  workflowsDir: 'Workflows/',
  /** Suffix of the file holding a workflow's `<Workflow>` element from customizations.xml. */
  workflowDataSuffix: '.xaml.data.xml',
} as const;

/** Files at the root of a solution zip. */
export const ZipPaths = {
  contentTypes: '[Content_Types].xml',
  solution: 'solution.xml',
  customizations: 'customizations.xml',
  workflowsDir: 'Workflows/',
} as const;

/** The `[Content_Types].xml` Dataverse writes into every solution zip (OPC package part types). */
export const CONTENT_TYPES_XML =
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/octet-stream" />' +
  '<Default Extension="xaml" ContentType="application/octet-stream" />' +
  '</Types>';

/** The XML declaration Dataverse and SolutionPackager put on the files they write. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** Solution component type of a process (workflow) in `<RootComponent type="…">`. */
export const WORKFLOW_COMPONENT_TYPE = 29;

/** A solution as a set of files: relative path (forward slashes) → bytes. */
export type FileTree = Map<string, Buffer>;

const XAML_FILE_ID = /-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.xaml$/i;

/**
 * The zip path Dataverse gives a workflow's XAML: `Workflows/<name without spaces or symbols>-<ID>.xaml`.
 * @param name the workflow's name
 * @param id the workflow id, in any case, without braces
 */
export function xamlFileName(name: string, id: string): string {
  return `${ZipPaths.workflowsDir}${name.replace(/[^A-Za-z0-9]/g, '')}-${id.toUpperCase()}.xaml`;
}

/** The workflow id (lower case) a `<Name>-<GUID>.xaml` path names, or undefined for other paths. */
export function workflowIdOfXamlFile(path: string): string | undefined {
  return XAML_FILE_ID.exec(path)?.[1].toLowerCase();
}
