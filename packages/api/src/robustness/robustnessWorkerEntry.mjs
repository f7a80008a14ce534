// Entry of a robustness worker thread (see robustnessWorkers.ts). Node 20 does not apply the
// parent's `--import tsx/esm` to a worker's entry module, so the worker registers tsx itself (also
// when started under vitest), then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./robustnessWorker.ts');
