/**
 * Fault injection: the disk fills up in the middle of a sweep. The fault is
 * injected into Node's own file-system module (patched, then
 * syncBuiltinESMExports so every `import { writeSync } from 'node:fs'` sees
 * it), so the code under test is the real code. Then the disk has room
 * again and the sweep is resumed: every run must be done exactly once, and
 * nothing recorded as failed because of the fault.
 */
import fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweep } from '../../src/experiment/runner.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'collabsim-faults-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Make writeSync throw ENOSPC once `budget` writes to files under `dir` have gone through; returns the undo. */
function diskFillsAfter(dir: string, budget: number): () => void {
  const real = fs.writeSync;
  const realOpen = fs.openSync;
  const fdsUnder = new Set<number>();
  let left = budget;
  fs.openSync = (p: fs.PathLike, ...rest: unknown[]) => {
    const fd = (realOpen as (...a: unknown[]) => number)(p, ...rest);
    if (String(p).startsWith(dir)) fdsUnder.add(fd);
    return fd;
  };
  fs.writeSync = (fd: number, ...rest: unknown[]) => {
    if (fdsUnder.has(fd) && left-- <= 0) {
      const e = new Error(`ENOSPC: no space left on device, write`) as NodeJS.ErrnoException;
      e.code = 'ENOSPC';
      e.syscall = 'write';
      throw e;
    }
    return (real as (...a: unknown[]) => number)(fd, ...rest);
  };
  syncBuiltinESMExports();
  return () => {
    fs.writeSync = real;
    fs.openSync = realOpen;
    syncBuiltinESMExports();
  };
}

function journalRuns(dir: string): Map<number, string[]> {
  const byRun = new Map<number, string[]>();
  for (const line of readFileSync(join(dir, 'state', 'journal.ndjson'), 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    let rec: { run: number; status: string };
    try {
      rec = JSON.parse(line.slice(tab + 1));
    } catch {
      continue; // a line cut short by the full disk
    }
    byRun.set(rec.run, [...(byRun.get(rec.run) ?? []), rec.status]);
  }
  return byRun;
}

describe('the disk fills up during a sweep', () => {
  it('stops with the fault, loses no run, and --resume on a disk with room completes every run exactly once', async () => {
    const file = join(root, 'full.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'full',
        base: { fn: 'linear', x: { x1: 0, x2: 0 }, seriesLength: 3 },
        factors: [
          { path: 'x.x1', name: 'x1', levels: [0, 0.25, 0.5, 0.75, 1] },
          { path: 'x.x2', name: 'x2', levels: [0, 1] },
        ],
        design: { type: 'factorial' },
        replications: 4,
        seed: 11,
        keep: 'both',
      }),
    );
    const out = join(root, 'full-out');
    for (const workers of [1, 2]) {
      rmSync(out, { recursive: true, force: true });
      const undo = diskFillsAfter(out, 12);
      let fault: unknown;
      try {
        await runSweep(file, { workers, out, model: 'analytic' });
      } catch (e) {
        fault = e;
      } finally {
        undo();
      }
      expect((fault as NodeJS.ErrnoException | undefined)?.code, `workers ${workers}`).toBe('ENOSPC');
      const before = journalRuns(out);
      expect(before.size).toBeLessThan(40);
      for (const statuses of before.values()) expect(statuses).toEqual(['ok']);

      const resumed = await runSweep(file, { workers, out, model: 'analytic', resume: true });
      expect([resumed.status, resumed.ok, resumed.failed]).toEqual(['complete', 40, 0]);
      const after = journalRuns(out);
      expect(after.size).toBe(40);
      for (const statuses of after.values()) expect(statuses).toEqual(['ok']);
      const rows = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\r\n').slice(1);
      expect(rows).toHaveLength(40);
      expect(new Set(rows.map((r) => r.split(',')[0])).size).toBe(40);
    }
  });
});
