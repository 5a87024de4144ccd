/**
 * bin/entry.mjs: a clone runs its built dist/ only while dist/ is a build of
 * exactly its sources.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// @ts-expect-error -- a plain-JavaScript module of the command's launcher, without type declarations
import { STAMP_FILE, entryKind, sourceStamp, sourceStatSignature } from '../../bin/entry.mjs';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'collabsim-entry-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

function put(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** A clone with sources and a build stamped with their fingerprint. */
function builtClone(name: string): string {
  const root = path.join(tmpRoot, name);
  put(root, 'src/cli/main.ts', 'export const main = 1;\n');
  put(root, 'src/model/rule.ts', 'export const rate = 0.1;\n');
  put(root, 'src/workshop/app.ts', 'export const app = 1;\n');
  put(root, 'tsconfig.json', '{}\n');
  put(root, 'dist/cli/main.js', 'export const main = 1;\n');
  put(root, `dist/${STAMP_FILE}`, JSON.stringify({ stamp: sourceStamp(root), files: sourceStatSignature(root) }));
  return root;
}

describe('the command runs a current build, never a stale one', () => {
  it('uses dist/ when its stamp matches the sources', () => {
    expect(entryKind(builtClone('current'), {})).toBe('dist');
  });

  it('uses the sources once a source or a build setting changes, or a file is added', () => {
    const a = builtClone('edited');
    put(a, 'src/model/rule.ts', 'export const rate = 0.2;\n');
    expect(entryKind(a, {})).toBe('source');
    const b = builtClone('settings');
    put(b, 'tsconfig.json', '{"compilerOptions":{}}\n');
    expect(entryKind(b, {})).toBe('source');
    const c = builtClone('added');
    put(c, 'src/model/new-rule.ts', 'export const x = 1;\n');
    expect(entryKind(c, {})).toBe('source');
  });

  it('ignores the workshop, which the build leaves out', () => {
    const root = builtClone('workshop');
    put(root, 'src/workshop/app.ts', 'export const app = 2;\n');
    expect(entryKind(root, {})).toBe('dist');
  });

  it('uses the sources without a stamp (a build that stopped part-way), or when asked to', () => {
    const root = builtClone('unstamped');
    expect(entryKind(root, { COLLABSIM_FROM_SOURCE: '1' })).toBe('source');
    fs.rmSync(path.join(root, 'dist', STAMP_FILE));
    expect(entryKind(root, {})).toBe('source');
  });

  it('trusts the files signature only while no file has been written since the build', () => {
    const root = builtClone('signature');
    const rule = path.join(root, 'src', 'model', 'rule.ts');
    // A whole-second modification time, which can be written back exactly.
    const when = new Date('2026-01-01T00:00:00Z');
    fs.utimesSync(rule, when, when);
    // A stamp whose fingerprint is wrong: only the signature of sizes and times can say dist/.
    const stampFile = path.join(root, 'dist', STAMP_FILE);
    fs.writeFileSync(stampFile, JSON.stringify({ stamp: 'not the fingerprint', files: sourceStatSignature(root) }));
    expect(entryKind(root, {})).toBe('dist');
    // Other bytes of the same size with the same modification time: the change time still moves.
    fs.writeFileSync(rule, 'export const rate = 0.3;\n');
    fs.utimesSync(rule, when, when);
    expect(fs.statSync(rule).mtimeMs).toBe(when.getTime());
    expect(entryKind(root, {})).toBe('source');
  });

  it('checks the bytes when the signature differs but the sources are the same (a checkout that rewrote them)', () => {
    const root = builtClone('rewritten');
    const rule = path.join(root, 'src', 'model', 'rule.ts');
    fs.writeFileSync(rule, fs.readFileSync(rule));
    expect(entryKind(root, {})).toBe('dist');
  });

  it('uses dist/ in the installed package, which has no sources', () => {
    const root = path.join(tmpRoot, 'package');
    put(root, 'dist/cli/main.js', 'export const main = 1;\n');
    expect(entryKind(root, {})).toBe('dist');
  });
});
