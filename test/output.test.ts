import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunOutput } from '../src/engine/contract.ts';
import {
  createStagingDir,
  publishDir,
  removeStaleStagingDirs,
  writeFileAtomic,
} from '../src/output/atomic.ts';
import { formatNumber, recordsCsv, timeseriesCsv, toCsv } from '../src/output/csv.ts';
import { runCharts } from '../src/output/charts.ts';
import { normaliseSvgIds, renderSvg } from '../src/output/render.ts';
import { buildReport, type ReportChart } from '../src/output/report.ts';
import { TIMESERIES_COLUMNS, writeRun } from '../src/output/run-writer.ts';
import { stableJson } from '../src/common/json.ts';
import { syntheticRun } from './fixtures/output/synthetic-run.ts';

let tmpRoot: string;
beforeAll(() => {
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'collabsim-output-test-'));
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

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [3, '3'],
    [-12, '-12'],
    [-0, '0'],
    [1e15, '1000000000000000'],
    [0.1 + 0.2, '0.3'],
    [1 / 3, '0.333333'],
    [2 / 3, '0.666667'],
    [-2.5, '-2.5'],
    [123456.789, '123457'],
    [0.000123456789, '0.000123457'],
    [1.5e-7, '0.00000015'],
    [1.23456789e-7, '0.000000123457'],
    [1 / 6, '0.166667'],
    [0.7000000000000001, '0.7'],
    [Infinity, 'Inf'],
    [-Infinity, '-Inf'],
    [NaN, ''],
  ])('formats %s as %j', (x, expected) => {
    expect(formatNumber(x)).toBe(expected);
  });

  it('gives an empty cell for missing values', () => {
    expect(formatNumber(undefined)).toBe('');
    expect(formatNumber(null)).toBe('');
  });
});

describe('CSV writing', () => {
  it('quotes only where RFC 4180 requires and uses CRLF', () => {
    const csv = toCsv(
      ['name', 'note, with comma', 'x'],
      [
        ['plain', 'say "hi"', 1.5],
        ['a,b', 'two\nlines', true],
        ['cr\rhere', '', NaN],
        [' spaced ', undefined, 0.1 + 0.2],
      ],
    );
    expect(csv).toBe(
      'name,"note, with comma",x\r\n' +
        'plain,"say ""hi""",1.5\r\n' +
        '"a,b","two\nlines",true\r\n' +
        '"cr\rhere",,\r\n' +
        ' spaced ,,0.3\r\n',
    );
  });

  it('rejects rows with the wrong number of cells', () => {
    expect(() => toCsv(['a', 'b'], [[1]])).toThrow(/1 cells/);
  });

  it('writes records with the union of keys in first-seen order', () => {
    const csv = recordsCsv([
      { id: 'A', v: 1 },
      { id: 'B', w: false, v: 2.25 },
    ]);
    expect(csv).toBe('id,v,w\r\nA,1,\r\nB,2.25,false\r\n');
  });

  it('writes the tidy time series, skipping NaN, in tick then key order', () => {
    const out = syntheticRun();
    const csv = timeseriesCsv(out, 'run-1');
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    lines.pop();
    expect(lines[0]).toBe('run_id,seed,tick,year,metric,level,value');
    expect(TIMESERIES_COLUMNS.map((c) => c.name).join(',')).toBe(lines[0]);

    const observed = Array.from(out.series.values).filter((v) => !Number.isNaN(v)).length;
    expect(lines.length - 1).toBe(observed);
    expect(observed).toBeLessThan(out.series.values.length); // the fixture does contain NaN

    expect(lines[1]).toBe('run-1,42,0,0,trust_mean,all,0.42');
    const tick1 = lines.find((l) => l.startsWith('run-1,42,1,'));
    expect(tick1).toBe('run-1,42,1,0.166667,trust_mean,all,0.435833');
    expect(csv).toContain('"group:South, ""Coastal"" MAT"');
    expect(csv).not.toMatch(/NaN|knowledge_flow/);

    const ticks = lines.slice(1).map((l) => Number(l.split(',')[2]));
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]).toBeGreaterThanOrEqual(ticks[i - 1]);
    // peer review appears only at review ticks
    const honesty = lines.filter((l) => l.includes(',peer_review_honesty,'));
    expect(honesty.map((l) => l.split(',')[2])).toEqual(['3', '6', '9', '12']);
  });
});

/** All x / y encodings anywhere in a spec. */
function encodings(spec: unknown, channel: 'x' | 'y'): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (obj.encoding && typeof obj.encoding === 'object') {
      const e = (obj.encoding as Record<string, unknown>)[channel];
      if (e && typeof e === 'object') found.push(e as Record<string, unknown>);
    }
    for (const [k, v] of Object.entries(obj)) if (k !== 'data') walk(v);
  };
  walk(spec);
  return found;
}

describe('chart specs', () => {
  const out = syntheticRun();
  const charts = runCharts(out);

  it('produces the expected charts for two groups', () => {
    expect(charts.map((c) => c.name)).toEqual([
      'trust',
      'lencioni',
      'lencioni_by_group',
      'lencioni_pyramid',
      'improvement',
      'turnover',
      'peer_review',
    ]);
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

      const titled = (encs: Record<string, unknown>[]) => encs.map((e) => e.title).filter((t) => typeof t === 'string') as string[];
      const xTitles = titled(encodings(c.spec, 'x'));
      const yTitles = titled(encodings(c.spec, 'y'));
      expect(xTitles.length, c.name).toBeGreaterThan(0);
      if (c.name === 'lencioni_pyramid') {
        expect(xTitles.every((t) => /0 to 1/.test(t))).toBe(true);
      } else {
        expect(new Set(xTitles)).toEqual(new Set(['Year']));
        expect(yTitles.length, c.name).toBeGreaterThan(0);
        for (const t of yTitles) expect(t, `${c.name}: ${t}`).toMatch(/\(.*(0 to 1|%).*\)/);
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

describe('SVG rendering', () => {
  const out = syntheticRun();
  const charts = runCharts(out);

  it('renders every chart to SVG containing its title', async () => {
    for (const c of charts) {
      const svg = await renderSvg(c.spec, { idPrefix: c.name });
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain(`>${c.title}</text>`);
      expect(svg).not.toMatch(/NaN/);
    }
  });

  it('is deterministic regardless of what was rendered before', async () => {
    const c = charts.find((x) => x.name === 'lencioni_by_group')!;
    const a = await renderSvg(c.spec, { idPrefix: 'x' });
    await renderSvg(charts[0].spec); // advances vega's internal id counters
    const b = await renderSvg(c.spec, { idPrefix: 'x' });
    expect(b).toBe(a);
    const ids = [...a.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^x-\d+$/);
  });

  it('renumbers ids and their references', () => {
    const svg = '<svg><clipPath id="clip7"><rect/></clipPath><g clip-path="url(#clip7)"/><use href="#clip17"/><g id="clip17"/></svg>';
    expect(normaliseSvgIds(svg, 'p')).toBe(
      '<svg><clipPath id="p-1"><rect/></clipPath><g clip-path="url(#p-1)"/><use href="#p-2"/><g id="p-2"/></svg>',
    );
  });

  it('refuses to fetch external data', async () => {
    const spec = {
      data: { url: 'https://example.invalid/data.csv' },
      mark: 'point',
      encoding: { x: { field: 'a', type: 'quantitative' } },
    };
    await expect(renderSvg(spec)).rejects.toThrow(/refused/);
  });
});

describe('HTML report', () => {
  const out = syntheticRun();
  let html = '';

  beforeAll(async () => {
    const charts: ReportChart[] = [];
    for (const c of runCharts(out)) {
      charts.push({ name: c.name, title: c.title, explanation: c.explanation, svg: await renderSvg(c.spec, { idPrefix: c.name }) });
    }
    html = buildReport({
      out,
      manifest: { runId: 'r-<1>', contentHash: 'abc123', codeVersion: '0.1.0', startedAt: '2025-03-01T10:00:00Z' },
      charts,
      question: 'Does trust grow faster when "heads" review each other?',
    });
  });

  it('is self-contained: no scripts, stylesheets or remote references', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/<iframe|<img|@import/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?https?:/i);
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
  });

  it('contains the headline sentences generated from the numbers', () => {
    expect(html).toContain('Mean relational trust rose from 0.42 to 0.61 over 2 years.');
    expect(html).toContain('Mean school effectiveness rose from 0.50 to 0.58.');
    expect(html).toContain('The effectiveness gap between disadvantaged schools and the rest narrowed from 0.12 to 0.08.');
    expect(html).toContain('3 headteachers left their posts during the run (about 1.5 a year).');
    expect(html).toContain('62% of the teachers in post at the start were still there at the end (maths teachers: 55%).');
    expect(html).toMatch(/The top of the Lencioni pyramid, a shared focus on results, rose from 0\.20 to 0\.28\./);
  });

  it('shows run identity, escapes text, and includes every chart and table', () => {
    expect(html).toContain('Synthetic &lt;test&gt; &amp; partnership');
    expect(html).not.toContain('Synthetic <test>');
    expect(html).toContain('Does trust grow faster when &quot;heads&quot; review each other?');
    expect(html).toContain('r-&lt;1&gt;');
    expect(html).toContain('abc123');
    expect(html).toContain('2025-03-01T10:00:00Z');
    expect(html).toContain('<dt>Seed</dt><dd>42</dd>');
    for (const c of runCharts(out)) expect(html).toContain(`id="chart-${c.name}"`);
    expect((html.match(/<svg/g) ?? []).length).toBe(7);
    expect(html).toContain('South, &quot;Coastal&quot; MAT');
    expect(html).toContain('Final pyramid levels by group');
    expect(html).toContain('Schools that changed most');
    expect(html).toContain('docs/ODD.md');
    expect(html).toMatch(/capped by the one beneath/);
    // ids stay unique across the inlined SVGs
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

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
    expect(fs.readFileSync(path.join(dir, 'timeseries.csv'), 'utf8').split('\r\n')[1]).toBe(
      'synthetic-42,42,0,0,trust_mean,all,0.42',
    );
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
    await expect(writeRun(out, manifest('2025-01-01T00:00:00Z'), dir, { render: failing })).rejects.toThrow(
      'simulated renderer crash',
    );
    expect(calls).toBe(3);
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
    await expect(writeRun(syntheticRun({ seed: 9 }), manifest('2025-02-01T00:00:00Z'), dir, { render: failing })).rejects.toThrow(
      'boom',
    );
    expect(listFiles(dir)).toEqual([...before.keys()]);
    for (const [f, data] of before) expect(fs.readFileSync(path.join(dir, f)).equals(data), f).toBe(true);
    expect(fs.readdirSync(tmpRoot).filter((e) => e.includes('run-keep'))).toEqual(['run-keep']);
  });
});

describe('stableJson', () => {
  it('sorts keys on request and maps non-finite numbers to null', () => {
    expect(stableJson({ b: 1, a: { d: NaN, c: [Infinity, 2] } }, { sortKeys: true })).toBe(
      '{\n  "a": {\n    "c": [\n      null,\n      2\n    ],\n    "d": null\n  },\n  "b": 1\n}\n',
    );
  });
});
