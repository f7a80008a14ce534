// Errors
export { EngineError, isEngineError } from './errors.ts';

// Dataset vintage format
export * from './vintage/types.ts';
export { decodeVintage, type VintageFiles } from './vintage/decodeVintage.ts';
export { resolveVariable } from './vintage/resolveVariable.ts';
