/** Atomic files and folders (src/output/atomic.ts): no temp files left, safe replacement, stale staging cleanup. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createStagingDir, publishDir, removeStaleStagingDirs, writeFileAtomic } from '../../src/output/atomic.ts';

let tmpRoot: string;
beforeAll(() => {
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'collabsim-atomic-test-'));
});
afterAll(() => {
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

function tmpPath(name: string): string {
  return path.join(tmpRoot, name);
}

describe('atomic writing', () => {
  it('writes a file atomically without leaving temp files', async () => {
    const dir = tmpPath('atomic-file');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'a.txt');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(fs.readdirSync(dir)).toEqual(['a.txt']);
  });

  it('publishes a staging folder, replaces an earlier run, and refuses unrelated folders', () => {
    const final = tmpPath('atomic-dir');
    const s1 = createStagingDir(final);
    expect(path.basename(s1)).toMatch(/^\.atomic-dir\.partial-\d+-[0-9a-f]+$/);
    fs.writeFileSync(path.join(s1, 'manifest.json'), '{"n":1}');
    publishDir(s1, final);
    const s2 = createStagingDir(final);
    fs.writeFileSync(path.join(s2, 'manifest.json'), '{"n":2}');
    publishDir(s2, final);
    expect(fs.readFileSync(path.join(final, 'manifest.json'), 'utf8')).toBe('{"n":2}');
    expect(fs.readdirSync(tmpRoot).filter((e) => e.includes('atomic-dir'))).toEqual(['atomic-dir']);

    const other = tmpPath('not-a-run');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'precious.txt'), 'keep');
    const s3 = createStagingDir(other);
    expect(() => publishDir(s3, other)).toThrow(/refusing/);
    expect(fs.readFileSync(path.join(other, 'precious.txt'), 'utf8')).toBe('keep');
    fs.rmSync(s3, { recursive: true });
  });

  it('cleans up staging folders left by dead processes', () => {
    const final = tmpPath('stale');
    const stale = path.join(tmpRoot, '.stale.partial-999999999-abcd1234');
    fs.mkdirSync(stale);
    removeStaleStagingDirs(final);
    expect(fs.existsSync(stale)).toBe(false);
  });
});
