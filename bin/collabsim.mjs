#!/usr/bin/env node
// The `collabsim` command. bin/entry.mjs decides what runs:
// - the installed package (dist/, no src/): the built JavaScript, with plain node;
// - a clone: its TypeScript sources through tsx, or, when dist/ is a build of
//   exactly those sources (`npm run build`), that build, which starts 0.6-0.8 s
//   sooner. A stale dist/ is never used.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryKind } from './entry.mjs';

// A reader that stops early (`collabsim schema | head -1`) closes the pipe: what is left to print is
// dropped, and the command finishes its work and exits as it would have, without a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
  });

const root = dirname(dirname(fileURLToPath(import.meta.url)));
let main;
if (entryKind(root) === 'source') {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('../src/cli/main.ts', import.meta.url).href));
} else {
  // The command bundled into one file by `npm run build` (scripts/build-package.mjs): it loads in about half the time.
  ({ main } = await import('../dist/cli/main.bundle.js'));
}
const code = await main(process.argv.slice(2));
// Exit as soon as what was written to stdout and stderr has gone out, rather than wait for Node to take
// the process apart piece by piece: about 20 ms of a national run (docs/performance.md).
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write('', resolve))));
process.exit(code);
