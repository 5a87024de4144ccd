// `npm run build`: the library and the command as plain JavaScript with type
// declarations, in dist/ (what the package ships; `npm pack` builds first).
// 1. Start from an empty dist/, so nothing from an earlier build lingers.
// 2. tsc -p tsconfig.build.json: src/ (less the workshop) to dist/, with the
//    `.ts` of relative imports rewritten to `.js`.
// 3. Copy the plain-JavaScript modules tsc does not emit (src/**/*.mjs, e.g.
//    the worker bootstrap experiment/worker-boot.mjs).
// 4. Bundle Vega and Vega-Lite into one CommonJS file
//    (dist/output/vega-libs.cjs), and replace dist/output/vega-libs.js, which
//    every chart drawn from dist/ loads, by a module that loads the bundle
//    with its code cache (src/common/code-cache.ts).
// 5. Bundle the command (dist/cli/main.bundle.js, what bin/collabsim.mjs
//    runs): the command's modules and the packages they use in one file,
//    which Node loads in about 0.10 s against 0.26 s for the ~330 files
//    (measured for `run`); English is zod's only locale in it, and it is
//    minified (blanks and redundant syntax, not names). The Vega bundle and
//    DuckDB stay outside (loaded when a chart or an export is made), and so
//    do the worker threads, which load dist/ as it is. Each module's `import.meta.url` is rewritten to its
//    own file's URL, so the URLs it builds from it (worker boot files, the
//    built-in models, the code version, the shipped profiles) are the files
//    next to it in dist/.
// 6. Make the Vega bundle's code cache (scripts/make-code-cache.mjs: the
//    charts of two small runs drawn through it), dist/output/vega-libs.cjs.cache.
//    It fits only this Node and V8, so the package leaves it out.
// 7. Stamp the code version (dist/code-version.json): it is a hash of the
//    TypeScript sources, which the package does not ship
//    (src/experiment/code-version.ts reads the stamp when it is there).
// 8. Stamp the fingerprint of the sources built (dist/source-stamp.json,
//    bin/entry.mjs), with the signature of their sizes and times: in a
//    clone, the command runs this build instead of the sources only while
//    the fingerprint still matches.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { register } from 'tsx/esm/api';
import { STAMP_FILE, sourceStamp, sourceStatSignature } from '../bin/entry.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
/** Not part of the package (tsconfig.build.json excludes it too): the workshop has its own build. */
const EXCLUDED = new Set([join(SRC, 'workshop')]);

// The fingerprint of the sources as the build starts (a source edited during the build then no longer matches it).
const stamp = sourceStamp(ROOT);
const files = sourceStatSignature(ROOT);
rmSync(DIST, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });

function mjsFiles(dir) {
  if (EXCLUDED.has(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? mjsFiles(join(dir, e.name)) : e.name.endsWith('.mjs') ? [join(dir, e.name)] : [],
  );
}
for (const file of mjsFiles(SRC)) {
  const to = join(DIST, relative(SRC, file));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(file, to);
}

/** CommonJS packages inside an ES module bundle call require() for Node's own modules. */
const REQUIRE_BANNER = {
  js: "import { createRequire as collabsimCreateRequire } from 'node:module'; const require = collabsimCreateRequire(import.meta.url);",
};

// Vega and Vega-Lite in one CommonJS file (dist/output/vega-libs.cjs), loaded with its code cache by the
// module that replaces src/output/vega-libs.ts: about 0.11 s to load without the cache, against 0.25 s for the
// packages' several hundred files. Every chart drawn from dist/ (the command, its chart thread, the library)
// loads it.
const VEGA_LIBS = join(DIST, 'output', 'vega-libs.js');
const VEGA_BUNDLE = join(DIST, 'output', 'vega-libs.cjs');
/**
 * esbuild plugin: vega-canvas without node-canvas. It looks for the optional
 * `canvas` package with a top-level await, which a CommonJS bundle cannot
 * hold; the charts never use a canvas (no renderer, text widths from
 * text-metrics.ts), and `canvas` is not a dependency.
 */
const noCanvas = {
  name: 'vega-canvas-without-canvas',
  setup(b) {
    b.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: 'vega-canvas', namespace: 'no-canvas' }));
    b.onLoad({ filter: /.*/, namespace: 'no-canvas' }, () => ({
      contents: 'export function canvas() { return null; }\nexport function image() { return null; }\n',
      loader: 'js',
    }));
  },
};
await esbuild({
  entryPoints: [VEGA_LIBS],
  outfile: VEGA_BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  plugins: [noCanvas],
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
// The bundle runs as a script (src/common/code-cache.ts), where a dynamic import() would fail when called.
if (/\bimport\(/.test(readFileSync(VEGA_BUNDLE, 'utf8'))) throw new Error(`${VEGA_BUNDLE} holds a dynamic import(), which code-cache.ts cannot run`);
writeFileSync(
  VEGA_LIBS,
  [
    '// Vega and Vega-Lite from their bundle, with its code cache (scripts/build-package.mjs, src/common/code-cache.ts).',
    "import { fileURLToPath } from 'node:url';",
    "import { loadBundle } from '../common/code-cache.js';",
    "const libs = loadBundle(fileURLToPath(new URL('./vega-libs.cjs', import.meta.url)));",
    'export const vega = libs.vega;',
    'export const vl = libs.vl;',
    '',
  ].join('\n'),
);

const BUNDLE = join(DIST, 'cli', 'main.bundle.js');
/** Packages loaded only when needed, left outside the bundle. */
const OUTSIDE = ['vega', 'vega-lite', '@duckdb/*'];
/** esbuild plugin: the command's bundle loads the Vega bundle above from its file, when a chart is drawn, instead of holding a copy. */
const vegaLibsOutside = {
  name: 'vega-libs-outside',
  setup(b) {
    b.onResolve({ filter: /[\\/]vega-libs\.js$/ }, () => ({
      path: `./${relative(dirname(BUNDLE), VEGA_LIBS).split(sep).join('/')}`,
      external: true,
    }));
  },
};
/** esbuild plugin: a module of dist/ with `import.meta.url` gets its own file's URL in its place. */
const ownMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(DIST)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(dirname(BUNDLE), args.path).split(sep).join('/');
      const own = `new URL(${JSON.stringify(rel.startsWith('.') ? rel : `./${rel}`)}, import.meta.url).href`;
      return { contents: text.split('import.meta.url').join(own), loader: 'js' };
    });
  },
};
/**
 * esbuild plugin: zod's table of locales holds only English, the one the
 * command uses (zod's default; scenario errors are our own text, see
 * src/scenario/zod-issues.ts). The forty-odd others were 400 KB of the
 * bundle, parsed on every start.
 */
const englishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};
await esbuild({
  entryPoints: [join(DIST, 'cli', 'main.js')],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: OUTSIDE,
  banner: REQUIRE_BANNER,
  plugins: [ownMetaUrl, englishOnly, vegaLibsOutside],
  // Blanks and redundant syntax removed (names kept, so error messages and
  // stack traces name the same functions): 1.24 MB instead of 1.76 MB, about
  // 20 ms less to load. --debug stack traces point into one long line;
  // COLLABSIM_FROM_SOURCE=1 runs the sources for readable ones.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

// 6. What V8 compiles while the charts of a small run are drawn, stored next to the Vega bundle (src/common/code-cache.ts).
execFileSync(process.execPath, [join(ROOT, 'scripts', 'make-code-cache.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });

register();
const { codeVersion } = await import('../src/experiment/code-version.ts');
writeFileSync(join(DIST, 'code-version.json'), `${JSON.stringify({ codeVersion: codeVersion() })}\n`);
// Written last: a build that stopped part-way leaves no stamp, so it is never used.
writeFileSync(join(DIST, STAMP_FILE), `${JSON.stringify({ stamp, files })}\n`);
console.log(`built dist/ (code version ${codeVersion()})`);
