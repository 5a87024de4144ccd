/**
 * Loading a CommonJS bundle of the built package with V8's code cache: Vega
 * with Vega-Lite (dist/output/vega-libs.cjs), which every chart drawn from
 * dist/ loads, on a run's chart thread while the model runs.
 *
 * A bundle compiled from its source alone is parsed on loading, and each of
 * its functions is compiled to bytecode the first time it runs. `npm run
 * build` draws the charts of two small runs (scripts/make-code-cache.mjs) and
 * stores what V8 compiled next to the bundle (`<bundle>.cache`): a chart
 * thread that loads it draws a national run's charts sooner (measured in
 * docs/performance-log.md). The cache holds only compiled code, so the charts
 * are the same bytes with or without it.
 *
 * V8 refuses a cache made by another V8 version or with other flags, and the
 * bundle is then compiled from its source as before. V8 checks a cache
 * against its source by length only, so each cache file starts with the
 * SHA-256 of the source it was made from, and a cache of other source is
 * never offered. Nothing is written here while a command runs: the caches are
 * made by the build alone (saveCodeCaches).
 *
 * The bundle runs as Node runs a CommonJS module (`exports`, `require`,
 * `module`, `__filename`, `__dirname`), in strict mode as the ES module
 * bundle it replaces did. It must not hold a dynamic `import()`: a script
 * cannot run one without an experimental Node feature (the build checks).
 * The command's own bundle stays an ES module for that reason, and because a
 * code cache made it no faster: what it saved in compiling, it cost in
 * loading the cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

/** The CommonJS wrapper, on the source's first line so that line numbers in stack traces stay the bundle's own. */
const HEAD = '(function (exports, require, module, __filename, __dirname) {"use strict";';
const TAIL = '\n})';
const DIGEST_BYTES = 32;

/** Set to `make` by the build while it makes the caches: every bundle is compiled from its source. */
export const CODE_CACHE_ENV = 'COLLABSIM_CODE_CACHE';

/** The bundles compiled in this thread, for saveCodeCaches. */
const compiled: { script: vm.Script; cacheFile: string; digest: Buffer }[] = [];

/** The cache file of a bundle. */
export function cacheFileOf(bundle: string): string {
  return `${bundle}.cache`;
}

/** The compiled code stored for this source, if its cache file was made from exactly this source. */
function storedCode(cacheFile: string, digest: Buffer): Buffer | undefined {
  if (process.env[CODE_CACHE_ENV] === 'make' || !existsSync(cacheFile)) return undefined;
  try {
    const bytes = readFileSync(cacheFile);
    return bytes.length > DIGEST_BYTES && bytes.subarray(0, DIGEST_BYTES).equals(digest) ? bytes.subarray(DIGEST_BYTES) : undefined;
  } catch {
    return undefined;
  }
}

/** Load a CommonJS bundle (an absolute path), with its code cache where one fits; returns its exports. */
export function loadBundle(file: string): Record<string, unknown> {
  const source = readFileSync(file, 'utf8');
  const digest = createHash('sha256').update(source).digest();
  const cacheFile = cacheFileOf(file);
  const script = new vm.Script(HEAD + source + TAIL, { filename: file, cachedData: storedCode(cacheFile, digest) });
  compiled.push({ script, cacheFile, digest });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/** Write the code cache of every bundle loaded in this thread (the build's job, after running them); returns the files written. */
export function saveCodeCaches(): string[] {
  return compiled.map(({ script, cacheFile, digest }) => {
    writeFileSync(cacheFile, Buffer.concat([digest, script.createCachedData()]));
    return cacheFile;
  });
}
