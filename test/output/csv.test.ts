/** CSV writing (src/output/csv.ts): number formatting, quoting, records and the tidy time series. */
import { describe, expect, it } from 'vitest';
import { formatNumber, recordsCsv, timeseriesCsv, toCsv } from '../../src/output/csv.ts';
import { TIMESERIES_COLUMNS } from '../../src/output/run-writer.ts';
import { syntheticRun } from '../fixtures/output/synthetic-run.ts';

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
    expect(csv).toBe('name,"note, with comma",x\r\n' + 'plain,"say ""hi""",1.5\r\n' + '"a,b","two\nlines",true\r\n' + '"cr\rhere",,\r\n' + ' spaced ,,0.3\r\n');
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

describe('recordsCsv', () => {
  it('gives the text of toCsv over the same cells (numbers, text that needs quoting, booleans, gaps)', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const values = (): unknown => {
      const u = next();
      if (u < 0.4) return (next() - 0.3) * 10 ** Math.floor(next() * 12 - 6);
      if (u < 0.5) return Math.floor(next() * 1000);
      if (u < 0.6) return next() < 0.5;
      if (u < 0.7) return ['a', 'b,c', 'say "hi"', 'two\nlines', ''][Math.floor(next() * 5)];
      if (u < 0.8) return NaN;
      return undefined;
    };
    const cols = ['a', 'b', 'c,d', 'e'];
    // Lengths around the blocks of 256 records recordsCsv joins at a time.
    for (const length of [1, 255, 256, 257, 300, 512, 513]) {
      const rows = Array.from({ length }, () => Object.fromEntries(cols.filter(() => next() < 0.9).map((c) => [c, values()])));
      expect(recordsCsv(rows as never, cols)).toBe(
        toCsv(
          cols,
          rows.map((r) => cols.map((c) => (r as Record<string, never>)[c])),
        ),
      );
    }
    expect(recordsCsv([], [])).toBe(toCsv([], []));
  });
});
