/** Reading a folder into a {@link FileTree} and writing one back out. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { FileTree } from './layout';

/** Reads every file under `dir` (recursively), keyed by forward-slash relative path. */
export async function readFileTree(dir: string): Promise<FileTree> {
  const tree: FileTree = new Map();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    tree.set(relative(dir, full).split(sep).join('/'), await readFile(full));
  }
  return tree;
}

/** Writes a tree under `dir`, creating folders; returns the files written. */
export async function writeFileTree(dir: string, tree: FileTree): Promise<string[]> {
  const written: string[] = [];
  for (const [path, content] of tree) {
    const full = join(dir, ...path.split('/'));
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
    written.push(full);
  }
  return written;
}
