import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VintageFiles } from '@ptce/engine';

/** The built Bas-Rhin vintage (git-ignored output of `ptce data build`), when present. */
export const BAS_RHIN_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../datasets/build/bas-rhin-2021',
);

export function loadBuiltVintage(dir = BAS_RHIN_DIR): VintageFiles | null {
  if (!existsSync(join(dir, 'manifest.json'))) return null;
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
  return {
    manifest: read('manifest.json'),
    variables: read('variables.json'),
    communes: read('communes.json'),
    zonings: read('zonings.json'),
  };
}
