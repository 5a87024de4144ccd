/** Run chart specs (src/output/charts.ts and lencioni-charts.ts): titles, axes, widths, panels, missing metrics. */
import { describe, expect, it } from 'vitest';
import type { RunOutput } from '../../src/engine/contract.ts';
import { runCharts } from '../../src/output/charts.ts';
import { renderSvg } from '../../src/output/render.ts';
import { buildReport } from '../../src/output/report.ts';
import { syntheticRun } from '../fixtures/output/synthetic-run.ts';

const isRecord = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** All x / y encodings anywhere in a spec. */
function encodings(spec: unknown, channel: 'x' | 'y'): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isRecord(node)) return;
    if (isRecord(node.encoding)) {
      const e = node.encoding[channel];
      if (isRecord(e)) found.push(e);
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'data') walk(v);
  };
  walk(spec);
  return found;
}

describe('chart specs', () => {
  const out = syntheticRun();
  const charts = runCharts(out);

  it('produces the expected charts for two groups', () => {
    expect(charts.map((c) => c.name)).toEqual(['trust', 'lencioni', 'lencioni_by_group', 'lencioni_pyramid', 'improvement', 'turnover', 'peer_review']);
  });

  it('gives every chart a title, a one-sentence subtitle and titled axes with units', () => {
    for (const c of charts) {
      const title = c.spec.title as { text: string; subtitle: string | string[] };
      expect(title.text).toBe(c.title);
      const subtitle = Array.isArray(title.subtitle) ? title.subtitle.join(' ') : title.subtitle;
      expect(subtitle.length).toBeGreaterThan(20);
      expect(subtitle.trim().endsWith('.')).toBe(true);
      expect(c.explanation.length).toBeGreaterThan(40);
      expect(c.spec.$schema).toMatch(/vega-lite\/v6/);

      const titled = (encs: Record<string, unknown>[]) => encs.map((e) => e.title).filter((t) => typeof t === 'string');
      const xTitles = titled(encodings(c.spec, 'x'));
      const yTitles = titled(encodings(c.spec, 'y'));
      expect(xTitles.length, c.name).toBeGreaterThan(0);
      if (c.name === 'lencioni_pyramid') {
        expect(xTitles.every((t) => /0 to 1/.test(t))).toBe(true);
      } else {
        expect(new Set(xTitles)).toEqual(new Set(['Year']));
        expect(yTitles.length, c.name).toBeGreaterThan(0);
        for (const t of yTitles) expect(t, `${c.name}: ${t}`).toMatch(/\(.*(0 to 1|%|pupil SD).*\)/);
      }
      // Data are inlined and contain no NaN/null placeholders.
      const json = JSON.stringify(c.spec);
      expect(json).not.toMatch(/"url"/);
      const dataJson = [...json.matchAll(/"values":(\[[^\]]*\])/g)].map((m) => m[1]);
      expect(dataJson.length).toBeGreaterThan(0);
      for (const d of dataJson) expect(d).not.toMatch(/null|NaN/);
    }
  });

  it('uses about 600 px of plot width', () => {
    for (const c of charts) {
      const json = JSON.stringify(c.spec);
      const widths = [...json.matchAll(/"width":(\d+)/g)].map((m) => Number(m[1]));
      expect(widths.length, c.name).toBeGreaterThan(0);
      for (const w of widths) expect(w).toBeLessThanOrEqual(600);
      expect(Math.max(...widths) >= 180).toBe(true);
    }
  });

  it('draws the final pyramid with one panel per group plus the whole system', () => {
    const pyramid = charts.find((c) => c.name === 'lencioni_pyramid')!;
    const values = (pyramid.spec.data as { values: { panel: string; series: string; lo: number; hi: number }[] }).values;
    expect(new Set(values.map((v) => v.panel))).toEqual(new Set(['All groups (mean)', 'North Hub', 'South, "Coastal" MAT']));
    for (const v of values) expect(v.lo).toBeCloseTo(-v.hi, 10);
    const all = values.filter((v) => v.panel === 'All groups (mean)');
    const trust = all.find((v) => v.series === 'Trust')!;
    for (const v of all) expect(v.hi).toBeLessThanOrEqual(trust.hi);
  });

  it('leaves out small multiples for one group or more than twelve', () => {
    expect(runCharts(syntheticRun({ groups: ['Only'] })).map((c) => c.name)).not.toContain('lencioni_by_group');
    const many = runCharts(syntheticRun({ groups: Array.from({ length: 13 }, (_, i) => `G${i}`) }));
    expect(many.map((c) => c.name)).not.toContain('lencioni_by_group');
    const pyramid = many.find((c) => c.name === 'lencioni_pyramid')!;
    expect(pyramid.spec.facet).toBeUndefined();
  });

  it('skips metrics that are absent without breaking', async () => {
    const full = syntheticRun();
    const keep = new Set(['trust_mean', 'teacher_retention', 'some_future_metric']);
    const idx = full.series.keys.map((k, i) => (keep.has(k.metric) && k.level === 'all' ? i : -1)).filter((i) => i >= 0);
    const nk = full.series.keys.length;
    const values = new Float64Array(full.series.rows * idx.length);
    for (let t = 0; t < full.series.rows; t++) idx.forEach((k, j) => (values[t * idx.length + j] = full.series.values[t * nk + k]));
    const slim: RunOutput = {
      ...full,
      series: { ...full.series, keys: idx.map((i) => full.series.keys[i]), values },
      groups: [],
    };
    const slimCharts = runCharts(slim);
    expect(slimCharts.map((c) => c.name)).toEqual(['trust', 'turnover']);
    for (const c of slimCharts) expect(await renderSvg(c.spec)).toContain('<svg');
    const html = buildReport({ out: slim, manifest: {}, charts: [] });
    expect(html).toContain('This run did not record Lencioni metrics.');
  });
});
