import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { VintageManifest } from '../vintage/types.ts';
import { canonicalJson } from './canonicalJson.ts';
import type { ResolvedScoreConfig } from './types.ts';

/**
 * Version of the scoring methods: bumped whenever a method changes its numbers, so that results
 * cached or saved under an older version are not mistaken for current ones.
 */
export const METHOD_VERSION = 1;

/**
 * The hash of a scoring: sha256 (hex) of the canonical JSON ({@link canonicalJson}) of
 * `{ vintage: { id, outputs: [{ path, sha256 }] }, config, methodVersion }` — the vintage id with
 * the hashes of its output files (manifest.outputs), the full resolved configuration, and the
 * method version. Same inputs, same hash, on any machine; any change of data, configuration or
 * method changes it. The API caches results by it; shortlists freeze it.
 *
 * Complexity: O(size of the configuration).
 *
 * @example resultHash(vintage.manifest, resolveScoreConfig(vintage, {})) // '3f1c…' (64 hex digits)
 */
export function resultHash(
  manifest: Pick<VintageManifest, 'id' | 'outputs'>,
  config: ResolvedScoreConfig,
): string {
  const outputs = manifest.outputs
    .map((o) => ({ path: o.path, sha256: o.sha256 }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const text = canonicalJson({
    vintage: { id: manifest.id, outputs },
    config,
    methodVersion: METHOD_VERSION,
  });
  return bytesToHex(sha256(utf8ToBytes(text)));
}
