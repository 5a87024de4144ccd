import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChartThread } from '../../src/output/chart-thread.ts';
import { renderSvg } from '../../src/output/render.ts';
import { runCharts } from '../../src/output/charts.ts';
import { policyRunCharts } from '../../src/output/policy-charts.ts';
import { startRunCharts, writeRun } from '../../src/output/run-writer.ts';
import { syntheticRun } from '../fixtures/output/synthetic-run.ts';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'collabsim-chart-thread-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

function folderBytes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('ChartThread', () => {
  it('draws the bytes renderSvg draws on the main thread, charts asked for all at once', async () => {
    const charts = runCharts(syntheticRun()).slice(0, 3);
    const thread = new ChartThread();
    try {
      const drawn = await Promise.all(charts.map((c) => thread.render(c.spec, { idPrefix: c.name })));
      for (let k = 0; k < charts.length; k++) expect(drawn[k]).toBe(await renderSvg(charts[k].spec, { idPrefix: charts[k].name }));
    } finally {
      await thread.close();
    }
  }, 60_000);

  it('gives a run folder identical to one drawn on the main thread', async () => {
    const out = syntheticRun({ seed: 3 });
    const manifest = { startedAt: '2025-01-01T00:00:00Z', runId: 'r' };
    const thread = new ChartThread();
    try {
      await writeRun(out, manifest, path.join(tmpRoot, 'thread'), { render: thread.render });
    } finally {
      await thread.close();
    }
    await writeRun(out, manifest, path.join(tmpRoot, 'main'));
    expect(folderBytes(path.join(tmpRoot, 'thread'))).toEqual(folderBytes(path.join(tmpRoot, 'main')));
  }, 60_000);

  it('gives the same folder when the run charts were asked for from the series alone, before the rows existed', async () => {
    const out = syntheticRun({ seed: 5 });
    const manifest = { startedAt: '2025-01-01T00:00:00Z', runId: 'r' };
    const thread = new ChartThread();
    const asked: string[] = [];
    const render = (spec: object, opts: { idPrefix?: string } = {}) => {
      asked.push(opts.idPrefix ?? '');
      return thread.render(spec, opts);
    };
    try {
      // What collabsim run has when the model stops: the series and the number of schools.
      const early = startRunCharts({ series: out.series, schoolCount: out.schools.length }, render);
      await writeRun(out, manifest, path.join(tmpRoot, 'early'), { render, runCharts: early });
    } finally {
      await thread.close();
    }
    await writeRun(out, manifest, path.join(tmpRoot, 'late'));
    expect(folderBytes(path.join(tmpRoot, 'early'))).toEqual(folderBytes(path.join(tmpRoot, 'late')));
    // Each chart asked for once: writeRun did not ask again for those started early.
    const names = runCharts(out).map((c) => c.name);
    expect(asked.slice(0, names.length)).toEqual(names);
    expect(new Set(asked).size).toBe(asked.length);
  }, 60_000);

  it('renders on the main thread what a stopped thread had not delivered, and every chart after', async () => {
    const charts = runCharts(syntheticRun()).slice(0, 2);
    const thread = new ChartThread();
    try {
      const asked = thread.render(charts[0].spec, { idPrefix: charts[0].name });
      await thread.breakForTest();
      expect(await asked).toBe(await renderSvg(charts[0].spec, { idPrefix: charts[0].name }));
      expect(await thread.render(charts[1].spec, { idPrefix: charts[1].name })).toBe(await renderSvg(charts[1].spec, { idPrefix: charts[1].name }));
    } finally {
      await thread.close();
    }
  }, 60_000);

  it('rehearses every chart of a run of that shape, and draws the same bytes after', async () => {
    const out = syntheticRun({ seed: 7 });
    const { keys, rows, ticksPerYear } = out.series;
    const charts = runCharts(out);
    const thread = new ChartThread();
    try {
      const rehearsed = await thread.rehearse({ keys, rows, ticksPerYear, schoolCount: out.schools.length });
      expect(rehearsed).toBe(charts.length + policyRunCharts(out).length);
      for (const c of charts) expect(await thread.render(c.spec, { idPrefix: c.name })).toBe(await renderSvg(c.spec, { idPrefix: c.name }));
    } finally {
      await thread.close();
    }
  }, 60_000);

  it("gives way to the run's charts: a rehearsal still waiting for Vega draws nothing once a chart is asked for", async () => {
    const out = syntheticRun({ seed: 8 });
    const { keys, rows, ticksPerYear } = out.series;
    const chart = runCharts(out)[0];
    const thread = new ChartThread();
    try {
      const rehearsal = thread.rehearse({ keys, rows, ticksPerYear, schoolCount: out.schools.length });
      const svg = await thread.render(chart.spec, { idPrefix: chart.name });
      expect(await rehearsal).toBe(0);
      expect(svg).toBe(await renderSvg(chart.spec, { idPrefix: chart.name }));
    } finally {
      await thread.close();
    }
    // A closed thread rehearses nothing.
    expect(await thread.rehearse({ keys, rows, ticksPerYear, schoolCount: 1 })).toBe(0);
  }, 60_000);

  it("reports a chart's error, and refuses charts once closed", async () => {
    const thread = new ChartThread();
    const bad = { data: { url: 'https://example.org/data.csv' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } };
    await expect(thread.render(bad)).rejects.toThrow(/external resource refused/);
    await thread.close();
    await expect(thread.render({ mark: 'point' })).rejects.toThrow(/closed/);
  }, 60_000);
});
