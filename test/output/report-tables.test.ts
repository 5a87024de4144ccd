/** The report's school table (src/output/report-tables.ts): the extremes it picks are those a full ranking gives. */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import type { Cell, RunOutput } from '../../src/engine/contract.ts';
import { schoolTable } from '../../src/output/report-tables.ts';

function runWith(schools: Record<string, Cell>[]): RunOutput {
  return { schools } as unknown as RunOutput;
}

/** School names in the table's rows, in order. */
function names(html: string | undefined): string[] {
  return [...(html ?? '').matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
}

/** The reference: every scored school ranked by change (largest first, ties in row order), then the first and last five. */
function reference(rows: Record<string, Cell>[]): string[] {
  const scored = rows
    .map((r, i) => ({ name: String(r.name), i, start: Number(r.effectiveness_start), end: Number(r.effectiveness) }))
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end))
    .map((s) => ({ ...s, change: s.end - s.start }))
    .sort((a, b) => b.change - a.change || a.i - b.i);
  return scored.length <= 10 ? scored.map((s) => s.name) : [...scored.slice(0, 5), ...scored.slice(-5)].map((s) => s.name);
}

describe('school table', () => {
  const rng = seedrandom('report-tables');
  it.each([3, 10, 11, 200, 5000])('picks what a full ranking picks, with ties and missing values (%i schools)', (n) => {
    const rows = Array.from({ length: n }, (_, i) => {
      const tie = rng() < 0.3;
      return {
        name: `S${i}`,
        effectiveness_start: rng() < 0.05 ? NaN : tie ? 0 : rng() - 0.5,
        effectiveness: tie ? (rng() < 0.5 ? 0.1 : -0.1) : rng() - 0.5,
      };
    });
    expect(names(schoolTable(runWith(rows)))).toEqual(reference(rows));
  });
});
