// Entry of a scoring worker thread (see scorePool.ts). Node 20 does not apply the parent's
// `--import tsx/esm` to a worker's entry module, so the worker registers tsx itself (also when
// started under vitest, which has no tsx at all), then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./scoreWorker.ts');
