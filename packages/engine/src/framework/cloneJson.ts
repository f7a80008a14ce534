/**
 * A deep copy of a plain JSON value (frameworks, configurations). `structuredClone` is not part
 * of the engine's library target (no DOM or Node APIs), and these values are JSON by contract.
 */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
