#!/usr/bin/env node
// The `collabsim` command. One rule picks what runs:
// - in a clone (src/ next to bin/): the TypeScript sources, through tsx, so
//   nothing needs building and a dist/ left from an earlier build is never used;
// - in the installed package (it ships dist/ and no src/): the built
//   JavaScript, with plain node.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
