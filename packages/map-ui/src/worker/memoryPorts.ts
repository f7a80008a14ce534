import type { Port } from './protocol.ts';

/**
 * Two connected in-memory ports, for tests: messages are delivered asynchronously (a microtask
 * later) and structured-cloned, as between a page and a Web Worker.
 */
export function memoryPorts(): [Port, Port] {
  const make = () => ({ listeners: [] as ((event: MessageEvent) => void)[] });
  const a = make();
  const b = make();
  const port = (self: typeof a, other: typeof a): Port => ({
    postMessage(message) {
      const data = structuredClone(message);
      queueMicrotask(() => {
        for (const listener of other.listeners) listener({ data } as MessageEvent);
      });
    },
    addEventListener(_type, listener) {
      self.listeners.push(listener);
    },
  });
  return [port(a, b), port(b, a)];
}
