/**
 * docs/ODD.md stays true to the code: every parameter in its table exists in
 * the schema with the default the table states.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveScenario } from '../../src/api.ts';

const odd = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'ODD.md'), 'utf8');

describe('docs/ODD.md parameter table', () => {
  // Cells may be padded to align the columns (as a Markdown formatter writes them).
  const rows = [...odd.matchAll(/^\| +`([A-Za-z.]+)` +\| +([^|]+?) +\|/gm)].map((m) => [m[1], m[2].trim()] as const);
  const defaults = resolveScenario({}) as unknown as Record<string, unknown>;
  const get = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], defaults);

  it('lists the model parameters', () => {
    expect(rows.length).toBeGreaterThan(35);
  });

  for (const [path, value] of rows) {
    it(`${path} = ${value}`, () => {
      expect(get(path), `${path} is not a scenario key`).not.toBeUndefined();
      expect(String(get(path))).toBe(value);
    });
  }

  it('every source file named in the ODD exists', () => {
    const named = [...odd.matchAll(/`(src\/[a-zA-Z/.-]+\.ts)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(20);
    for (const file of named) expect(() => readFileSync(join(import.meta.dirname, '..', '..', file)), file).not.toThrow();
  });
});

describe('docs/outputs.md describes every output column', () => {
  it('schools.csv and groups.csv columns all have descriptions', async () => {
    const { simulate } = await import('../../src/model/simulate.ts');
    const { SCHOOL_COLUMNS, GROUP_COLUMNS } = await import('../../src/model/observe/columns.ts');
    const out = simulate(resolveScenario({ schools: { count: 6 }, years: 1 }), { seed: 1 });
    expect(Object.keys(out.schools[0]).sort()).toEqual(Object.keys(SCHOOL_COLUMNS).sort());
    expect(Object.keys(out.groups[0]).sort()).toEqual(Object.keys(GROUP_COLUMNS).sort());
  });
});
