/** Opening a solution zip and finding its files, over jszip. */
import JSZip from 'jszip';
import { SOLUTION_ZIP_HINT, SolutionFileError } from './errors';
import { SourcePaths, ZipPaths } from './layout';
import { stripBom } from './xml';

/**
 * Loads zip bytes.
 * @throws SolutionFileError when the bytes are not a zip
 */
export async function openZip(bytes: Uint8Array): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new SolutionFileError(
      `Not a solution zip: the data is not a zip file (${error instanceof Error ? error.message : String(error)}). ${SOLUTION_ZIP_HINT}`,
    );
  }
}

/** The first file (not folder) whose path matches one of `paths`, ignoring case. */
export function findEntry(zip: JSZip, ...paths: string[]): JSZip.JSZipObject | undefined {
  const wanted = paths.map((p) => p.toLowerCase());
  return Object.values(zip.files).find((f) => !f.dir && wanted.includes(f.name.toLowerCase()));
}

/** Files (not folders), in path order. */
export function zipFiles(zip: JSZip): JSZip.JSZipObject[] {
  return Object.values(zip.files)
    .filter((f) => !f.dir)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A file's text, without a byte-order mark. */
export async function entryText(entry: JSZip.JSZipObject): Promise<string> {
  return stripBom(await entry.async('string'));
}

/**
 * The manifest entry: solution.xml at the root, or Other/Solution.xml of a zipped source folder.
 * @throws SolutionFileError when there is none
 */
export function requireManifestEntry(zip: JSZip): JSZip.JSZipObject {
  const entry = findEntry(zip, ZipPaths.solution, SourcePaths.solution);
  if (!entry) {
    throw new SolutionFileError(
      `The zip has no ${ZipPaths.solution} at its root; is it a Dataverse solution? ${SOLUTION_ZIP_HINT}`,
    );
  }
  return entry;
}

/** The customizations entry, at the root or in Other/, if any. */
export function findCustomizationsEntry(zip: JSZip): JSZip.JSZipObject | undefined {
  return findEntry(zip, ZipPaths.customizations, SourcePaths.customizations);
}

/** Generates the zip as Dataverse does (DEFLATE). */
export function generateZip(zip: JSZip): Promise<Buffer> {
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
