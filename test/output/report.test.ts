/** The run report (src/output/report.ts): self-contained, headline sentences, identity, escaping, charts and tables. */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCharts } from '../../src/output/charts.ts';
import { renderSvg } from '../../src/output/render.ts';
import { buildReport, resultsFingerprint, type ReportChart } from '../../src/output/report.ts';
import { recordsCsv, timeseriesCsv } from '../../src/output/csv.ts';
import { sha256Hex } from '../../src/common/hash.ts';
import { syntheticRun } from '../fixtures/output/synthetic-run.ts';

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
    expect(html).toContain('Mean school effectiveness rose from 0.500 to 0.580 pupil SD (a whole-school programme moves it by hundredths).');
    expect(html).toContain(
      'The effectiveness gap between disadvantaged schools and the rest narrowed: disadvantaged schools were 0.120 pupil SD behind the rest at the start and 0.080 at the end.',
    );
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

describe('results fingerprint', () => {
  const out = syntheticRun({ seed: 11 });
  const schools = recordsCsv(out.schools);
  const groups = recordsCsv(out.groups);
  const expected = sha256Hex(timeseriesCsv(out, '') + schools + groups).slice(0, 16);

  it('is the digest of the series (without the run id) and the two tables, however the tables are handed over', () => {
    expect(resultsFingerprint(out)).toBe(expected);
    expect(resultsFingerprint(out, { schools, groups })).toBe(expected);
    expect(resultsFingerprint(out, { schools: Buffer.from(schools), groups: Buffer.from(groups) })).toBe(expected);
  });

  it('changes with any school value', () => {
    const changed = { ...out, schools: out.schools.map((r, i) => (i === 1 ? { ...r, effectiveness: Number(r.effectiveness) + 0.001 } : r)) };
    expect(resultsFingerprint(changed)).not.toBe(expected);
  });
});
