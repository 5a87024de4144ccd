// The entry of each thread of a team that shares one run's work (team.ts
// starts it). Like ../worker-boot.mjs: in the built package load
// team-worker.js with plain node; in the repository register tsx first.
import { existsSync } from 'node:fs';

const built = new URL('./team-worker.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./team-worker.ts');
}
