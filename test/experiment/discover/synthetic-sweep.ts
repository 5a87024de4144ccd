/**
 * A synthetic sweep folder in the format `collabsim sweep` writes
 * (manifest.json naming the factors, runs.csv with run, point, rep, one
 * column per factor, seed, status, error, then the metrics), with a planted
 * region: four factors drawn uniformly from [0, 1]; a run is "good" when
 * x1 is in [0.2, 0.6] and x2 > 0.7, and 10% of the labels are flipped at
 * random. A good run has trust_mean 0.55 to 0.65, any other 0.35 to 0.45,
 * so `trust_mean > 0.5` recovers the label. Two extra rows have failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { toCsv } from '../../../src/output/csv.ts';

export const PLANTED = { x1: [0.2, 0.6], x2: [0.7, 1] } as const;

export interface SyntheticOptions {
  runs?: number;
  seed?: string;
  noise?: number;
}

export function inPlantedBox(x1: number, x2: number): boolean {
  return x1 >= PLANTED.x1[0] && x1 <= PLANTED.x1[1] && x2 > PLANTED.x2[0];
}

/** Write the synthetic sweep into `dir` (created); returns the number of ok runs. */
export function writeSyntheticSweep(dir: string, o: SyntheticOptions = {}): number {
  const runs = o.runs ?? 2000;
  const noise = o.noise ?? 0.1;
  const rng = seedrandom(o.seed ?? 'discover-synthetic');
  const factors = ['x1', 'x2', 'x3', 'x4'];
  const columns = ['run', 'point', 'rep', ...factors, 'seed', 'status', 'error', 'trust_mean', 'effectiveness_mean'];
  const rows: (string | number)[][] = [];
  for (let r = 0; r < runs; r++) {
    const x = factors.map(() => Number(rng().toFixed(6)));
    let good = inPlantedBox(x[0], x[1]);
    if (rng() < noise) good = !good;
    const trust = (good ? 0.55 : 0.35) + 0.1 * rng();
    rows.push([r, r, 0, ...x, 1000 + r, 'ok', '', Number(trust.toFixed(6)), Number((rng() - 0.5).toFixed(6))]);
  }
  rows.push([runs, runs, 0, 0.5, 0.9, 0.5, 0.5, 9, 'failed', 'boom, with a comma and a "quote"', '', '']);
  rows.push([runs + 1, runs + 1, 0, 0.3, 0.8, 0.5, 0.5, 10, 'failed', 'boom', '', '']);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'runs.csv'), toCsv(columns, rows));
  const manifest = {
    tool: 'collabsim',
    kind: 'sweep',
    format: 1,
    name: 'synthetic',
    status: 'complete',
    design: { type: 'lhs', points: runs + 2 },
    factors: factors.map((name) => ({ name, path: `model.${name}`, min: 0, max: 1 })),
    replications: 1,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return runs;
}
