/**
 * AgentScript's bundle creates a 1x1 canvas when it loads (for CSS colour
 * parsing). The peer models draw nothing, so in Node a do-nothing
 * OffscreenCanvas is enough to load the library's model core headless.
 * Import this module before 'agentscript'.
 */
const g = globalThis as unknown as Record<string, unknown>;
if (typeof g.OffscreenCanvas === 'undefined') {
  const noop = () => undefined;
  const ctx = new Proxy({}, { get: (_t, k) => (k === 'getImageData' ? () => ({ data: new Uint8ClampedArray(4) }) : noop), set: () => true });
  g.OffscreenCanvas = class {
    constructor(
      public width: number,
      public height: number,
    ) {}
    getContext() {
      return ctx;
    }
  };
}
export {};
