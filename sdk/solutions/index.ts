/**
 * Dataverse solution files, in one place: the zip layout Dataverse imports and exports, the
 * SolutionPackager source layout kept in git, reading a zip into a typed package and writing one,
 * and pack (source → zip) / unpack (zip → source).
 */
export { SolutionFileError } from './errors';
export { readFileTree, writeFileTree } from './file-tree';
export {
  CONTENT_TYPES_XML,
  SourcePaths,
  WORKFLOW_COMPONENT_TYPE,
  XML_DECLARATION,
  ZipPaths,
  workflowIdOfXamlFile,
  xamlFileName,
  type FileTree,
} from './layout';
export {
  DEFAULT_PUBLISHER,
  readCustomizationWorkflows,
  readManifest,
  readWorkflowDataFile,
  type SolutionManifest,
  type SolutionPublisher,
  type WorkflowDefinition,
} from './metadata';
export {
  readSolutionPackage,
  writeSolutionPackage,
  type PackagedWorkflow,
  type SolutionPackage,
  type WriteSolutionOptions,
} from './package';
export { packSolution, type PackResult } from './pack';
export { unpackSolution } from './unpack';
