// The entry of the chart thread (chart-thread.ts starts it). Like
// ../experiment/worker-boot.mjs: in the built package load chart-worker.js
// with plain node; in the repository register tsx first.
import { existsSync } from 'node:fs';

const built = new URL('./chart-worker.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./chart-worker.ts');
}
