/**
 * src/common/code-cache.ts: a CommonJS bundle loaded with V8's code cache
 * runs as the bundle it was made from, and a cache of other source is never
 * used.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileOf, loadBundle, saveCodeCaches } from '../../src/common/code-cache.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collabsim-code-cache-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A bundle whose `value` export is `n` (the same length of source for every one-digit n). */
function bundleSource(n: number): string {
  return [
    'const path = require("node:path");',
    `exports.value = ${n} + [1, 2, 3].map((x) => x * 0).length * 0;`,
    'exports.file = path.basename(__filename);',
    'exports.strict = (function () { return this === undefined; })();',
    '',
  ].join('\n');
}

describe('bundles loaded with a code cache', () => {
  it('runs the bundle as a strict CommonJS module', () => {
    const file = path.join(dir, 'plain.cjs');
    fs.writeFileSync(file, bundleSource(1));
    const m = loadBundle(file) as { value: number; file: string; strict: boolean };
    expect(m.value).toBe(1);
    expect(m.file).toBe('plain.cjs');
    expect(m.strict).toBe(true);
  });

  it('uses a cache only for the source it was made from', () => {
    const file = path.join(dir, 'cached.cjs');
    fs.writeFileSync(file, bundleSource(2));
    expect((loadBundle(file) as { value: number }).value).toBe(2);
    expect(saveCodeCaches()).toContain(cacheFileOf(file));
    // Same source with its cache: the same module.
    expect((loadBundle(file) as { value: number }).value).toBe(2);
    // Other source of the same length (V8 checks no more than the length): its own code runs, not the cache's.
    fs.writeFileSync(file, bundleSource(3));
    expect(fs.statSync(file).size).toBe(bundleSource(2).length);
    expect((loadBundle(file) as { value: number }).value).toBe(3);
  });

  it('compiles from the source when the cache file is damaged', () => {
    const file = path.join(dir, 'damaged.cjs');
    fs.writeFileSync(file, bundleSource(4));
    loadBundle(file);
    saveCodeCaches();
    const cache = fs.readFileSync(cacheFileOf(file));
    fs.writeFileSync(cacheFileOf(file), cache.subarray(0, 40));
    expect((loadBundle(file) as { value: number }).value).toBe(4);
  });
});
