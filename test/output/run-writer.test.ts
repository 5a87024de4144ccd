/** Writing a run folder (src/output/run-writer.ts): files, byte-identical reruns, atomic replacement and failure. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderSvg } from '../../src/output/render.ts';
import { writeRun } from '../../src/output/run-writer.ts';
import { syntheticRun } from '../fixtures/output/synthetic-run.ts';

let tmpRoot: string;
beforeAll(() => {
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'collabsim-run-writer-test-'));
});
afterAll(() => {
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

function tmpPath(name: string): string {
  return path.join(tmpRoot, name);
}

/** Every file under `dir`, relative, '/'-separated, sorted. */
function listFiles(dir: string): string[] {
  const res: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else res.push(r);
    }
  };
  walk(dir, '');
  return res.sort();
}

describe('writeRun', () => {
  const out = syntheticRun();
  const manifest = (startedAt: string) => ({
    runId: 'synthetic-42',
    scenario: 'synthetic',
    seed: 42,
    contentHash: 'sha256:0123abcd',
    codeVersion: '0.1.0',
    startedAt,
    finishedAt: startedAt,
  });
  const expectedFiles = [
    ...['equity', 'improvement', 'lencioni', 'lencioni_by_group', 'lencioni_pyramid', 'peer_review', 'trust', 'turnover'].flatMap((n) => [
      `charts/${n}.svg`,
      `charts/${n}.vl.json`,
    ]),
    'groups.csv',
    'manifest.json',
    'report.html',
    'schools.csv',
    'summary.json',
    'timeseries.csv',
  ].sort();

  it('writes the expected files', async () => {
    const dir = tmpPath('run-a');
    const res = await writeRun(out, manifest('2025-01-01T00:00:00Z'), dir, { question: 'Q?' });
    expect(res.dir).toBe(path.resolve(dir));
    expect(res.files).toEqual(expectedFiles);
    expect(listFiles(dir)).toEqual(expectedFiles);
    expect(fs.readFileSync(path.join(dir, 'timeseries.csv'), 'utf8').split('\r\n')[1]).toBe('synthetic-42,42,0,0,trust_mean,all,0.42');
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(m.startedAt).toBe('2025-01-01T00:00:00Z');
    expect(Object.keys(m)).toEqual([...Object.keys(m)].sort());
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'));
    expect(Object.keys(summary)).toEqual(Object.keys(out.summary));
    expect(summary.knowledge_flow).toBeNull();
    const spec = JSON.parse(fs.readFileSync(path.join(dir, 'charts/trust.vl.json'), 'utf8'));
    expect(spec.title.text).toBe('Relational trust over time');
  });

  it('gives byte-identical files except the manifest when run twice', async () => {
    const a = tmpPath('run-twice-1');
    const b = tmpPath('run-twice-2');
    await writeRun(out, manifest('2025-01-01T00:00:00Z'), a);
    await writeRun(out, manifest('2025-06-30T12:34:56Z'), b);
    for (const f of expectedFiles) {
      const x = fs.readFileSync(path.join(a, f));
      const y = fs.readFileSync(path.join(b, f));
      if (f === 'manifest.json') expect(x.equals(y)).toBe(false);
      else expect(x.equals(y), f).toBe(true);
    }
  });

  it('replaces an earlier complete run in place', async () => {
    const dir = tmpPath('run-replace');
    await writeRun(out, manifest('2025-01-01T00:00:00Z'), dir);
    await writeRun(syntheticRun({ seed: 7 }), manifest('2025-01-02T00:00:00Z'), dir, { charts: false });
    expect(listFiles(dir)).toEqual(['groups.csv', 'manifest.json', 'report.html', 'schools.csv', 'summary.json', 'timeseries.csv']);
    expect(fs.readdirSync(tmpRoot).filter((e) => e.includes('run-replace'))).toEqual(['run-replace']);
  });

  it('leaves no final folder when a write fails part-way', async () => {
    const dir = tmpPath('run-fail');
    let calls = 0;
    const failing = async (spec: object, opts: { idPrefix?: string }) => {
      calls++;
      if (calls === 3) throw new Error('simulated renderer crash');
      return renderSvg(spec, opts);
    };
    await expect(writeRun(out, manifest('2025-01-01T00:00:00Z'), dir, { render: failing })).rejects.toThrow('simulated renderer crash');
    // Every chart is asked for before the tables are written (a renderer may work on its own thread).
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.readdirSync(tmpRoot).filter((e) => e.includes('run-fail'))).toEqual([]);
  });

  it('keeps the earlier run intact when a rewrite fails', async () => {
    const dir = tmpPath('run-keep');
    await writeRun(out, manifest('2025-01-01T00:00:00Z'), dir);
    const before = new Map(listFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
    const failing = async () => {
      throw new Error('boom');
    };
    await expect(writeRun(syntheticRun({ seed: 9 }), manifest('2025-02-01T00:00:00Z'), dir, { render: failing })).rejects.toThrow('boom');
    expect(listFiles(dir)).toEqual([...before.keys()]);
    for (const [f, data] of before) expect(fs.readFileSync(path.join(dir, f)).equals(data), f).toBe(true);
    expect(fs.readdirSync(tmpRoot).filter((e) => e.includes('run-keep'))).toEqual(['run-keep']);
  });
});
