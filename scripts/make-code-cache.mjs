// Part of `npm run build` (scripts/build-package.mjs), once dist/ is built:
// draw the charts of two small runs (the built-in default, and a locality
// with trusts, hubs and competition, for the policy charts) through the Vega
// bundle, then store what V8 compiled next to it (src/common/code-cache.ts).
// Exits non-zero if any of it fails; the build then fails.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(ROOT, 'dist');
const distModule = (...parts) => import(pathToFileURL(join(DIST, ...parts)).href);

const { CODE_CACHE_ENV, saveCodeCaches } = await distModule('common', 'code-cache.js');
// The bundle compiled from its source, whatever cache an earlier build left.
process.env[CODE_CACHE_ENV] = 'make';
const { defaultScenario, loadScenario, simulate } = await distModule('index.js');
const { startRunCharts } = await distModule('output', 'run-writer.js');
const { renderSvg } = await distModule('output', 'render.js');
const locality = loadScenario(join(ROOT, 'scenarios', 'competition-falling-rolls.yaml'));
for (const scenario of [defaultScenario(), { ...locality, burnInYears: 0 }]) {
  const out = simulate(scenario, { years: 2 });
  await Promise.all(startRunCharts(out, renderSvg).svgs);
}
const written = saveCodeCaches().map((f) => relative(ROOT, f));
process.stderr.write(`code cache: ${written.join(', ')}\n`);
