/**
 * Shared helpers of the workshop's Node tests: presets read from scenarios/,
 * stepping a session, comparing its series with the CLI model's, and loading
 * an exported file the way the CLI does.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadScenario } from '../../src/api.ts';
import type { simulate } from '../../src/model/simulate.ts';
import { makePreset, type Preset } from '../../src/workshop/app/scenario-file.ts';
import type { Session } from '../../src/workshop/app/session.ts';
import { useShippedProfiles } from '../../src/workshop/app/profiles.ts';
import { shippedProfileParameters } from '../../src/workshop/build.ts';

// The page gets the shipped profiles from its build; Node tests register them here.
useShippedProfiles(shippedProfileParameters());

export const ROOT = join(import.meta.dirname, '..', '..');
export const preset = (id: string): Preset => makePreset(id, `scenarios/${id}.yaml`, readFileSync(join(ROOT, 'scenarios', `${id}.yaml`), 'utf8'));
export const TEAM = preset('workshop-team');

/** Step a session `ticks` times, continuing past the scenario's horizon as the end card's Continue does. */
export function run(s: Session, ticks: number): void {
  for (let t = 0; t < ticks; t++) {
    if (s.atEnd) s.extend();
    s.step();
  }
}

/** Every series value of a session against a simulate() output, row by row (NaN = not observed). */
export function expectSameSeries(sess: Session, ref: ReturnType<typeof simulate>, rows: number): void {
  const a = sess.series();
  const b = ref.series;
  expect(a.keys.map((k) => `${k.metric}@${k.level}`)).toEqual(b.keys.map((k) => `${k.metric}@${k.level}`));
  const nk = a.keys.length;
  let compared = 0;
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < nk; k++) {
      const x = a.values[r * nk + k];
      const y = b.values[r * nk + k];
      if (Number.isNaN(y)) {
        expect(Number.isNaN(x), `${b.keys[k].metric} row ${r}`).toBe(true);
        continue;
      }
      if (x !== y) throw new Error(`${b.keys[k].metric}@${b.keys[k].level} differs at tick ${r}: workshop ${x}, CLI model ${y}`);
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(rows * 10);
}

/** Write an exported file and load it exactly as `collabsim validate` / `run` do. */
export function loadExport(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'collabsim-ws-'));
  const file = join(dir, 'export.yaml');
  writeFileSync(file, text);
  return loadScenario(file);
}
