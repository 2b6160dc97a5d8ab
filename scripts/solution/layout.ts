/**
 * The two shapes of a Dataverse solution this tool converts between, as SolutionPackager lays them
 * out: the source folder kept in git, and the zip Dataverse imports and exports.
 * @see https://learn.microsoft.com/power-platform/alm/solution-packager-tool
 */

/** Files of the source layout, relative to `solution/src`. */
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

/** The XML declaration SolutionPackager puts on the files it writes. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** A solution as a set of files: relative path (forward slashes) → bytes. */
export type FileTree = Map<string, Buffer>;
