// The entry of every sweep worker thread (pool.ts starts it). Worker threads
// do not inherit the main thread's module loader, so this file picks the
// worker proper by what lies next to it:
// - in the built package (dist/experiment/, copied there by `npm run build`)
//   worker.js is here: load it with plain node;
// - in the repository (src/experiment/) there is only worker.ts: register the
//   TypeScript loader (tsx), then load it.
import { existsSync } from 'node:fs';

const built = new URL('./worker.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./worker.ts');
}
