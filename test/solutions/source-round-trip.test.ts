import { join } from 'node:path';
import JSZip from 'jszip';
import { readFileTree } from '../../sdk/solutions/file-tree';
import { packSolution } from '../../sdk/solutions/pack';
import { unpackSolution } from '../../sdk/solutions/unpack';

const SOURCE = join(__dirname, '../../solution/src');

describe('pack → unpack of solution/src', () => {
  it('gives back the same set of files', async () => {
    const source = await readFileTree(SOURCE);
    const unpacked = await unpackSolution((await packSolution(source)).zip);
    expect([...unpacked.keys()].sort()).toEqual([...source.keys()].sort());
  });

  it('gives back every file byte for byte', async () => {
    const source = await readFileTree(SOURCE);
    const unpacked = await unpackSolution((await packSolution(source)).zip);
    for (const [path, bytes] of source) {
      expect({ path, text: unpacked.get(path)?.toString('utf8') }).toEqual({
        path,
        text: bytes.toString('utf8'),
      });
      expect(unpacked.get(path)?.equals(bytes)).toBe(true);
    }
  });

  it('is stable: packing the unpacked tree gives the same zip entries', async () => {
    const once = await packSolution(await readFileTree(SOURCE));
    const twice = await packSolution(await unpackSolution(once.zip));
    const entries = async (zip: Buffer) => {
      const loaded = await JSZip.loadAsync(zip);
      const files = Object.values(loaded.files).filter((f) => !f.dir);
      return Promise.all(files.map(async (f) => [f.name, await f.async('string')]));
    };
    expect(await entries(twice.zip)).toEqual(await entries(once.zip));
  });
});
