/**
 * Parameter profiles in scenario files: the profile fills every key the
 * scenario does not set, the scenario's own keys win, the same raw object
 * reaches sweeps, and bad profiles are reported in the profile file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/scenario/scenario-file.ts';
import { formatInputError, InputError } from '../../src/scenario/load.ts';
import { profilePath } from '../../src/scenario/profile.ts';
import { loadScenario } from '../../src/api.ts';

let dir: string;
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return formatInputError(e);
    throw e;
  }
  return '';
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'collabsim-profile-'));
  write('p.yaml', 'profile: test\nparameters:\n  turnover.leaderRate: 0.15\n  model.improvement.persistence: 0.85\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('profiles', () => {
  it('fill the keys a scenario does not set; the scenario keeps its own', () => {
    const f = write('s.yaml', 'name: s\nprofile: p.yaml\nyears: 1\nturnover:\n  leaderRate: 0.05\n');
    const r = loadScenarioFile(f);
    expect(r.scenario.turnover.leaderRate).toBe(0.05);
    expect(r.scenario.model.improvement.persistence).toBe(0.85);
    expect(r.raw).not.toHaveProperty('profile');
    expect(r.profile?.name).toBe('test');
    expect(loadScenario(f).model.improvement.persistence).toBe(0.85);
    const without = loadScenarioFile(write('plain.yaml', 'name: s\nyears: 1\n'));
    expect(without.scenario.model.improvement.persistence).not.toBe(0.85);
  });

  it('are found by name among the shipped profiles', () => {
    expect(profilePath('england', '/x/s.yaml')).toMatch(/calibration[\\/]england\.profile\.yaml$/);
    expect(profilePath('p.yaml', '/x/s.yaml')).toBe('/x/p.yaml');
  });

  it('report a missing profile at the scenario key and a bad value in the profile file', () => {
    const missing = write('m.yaml', 'name: s\nprofile: nowhere\n');
    expect(errorOf(() => loadScenarioFile(missing))).toMatch(/m\.yaml:2:10: error at profile: profile 'nowhere': no file .*nowhere\.profile\.yaml/);
    write('bad.yaml', 'profile: bad\nparameters:\n  turnover.leaderRate: 3\n');
    const s = write('sb.yaml', 'name: s\nprofile: bad.yaml\n');
    expect(errorOf(() => loadScenarioFile(s))).toMatch(
      /bad\.yaml:3:\d+: error at parameters\.turnover\.leaderRate: 'turnover\.leaderRate' = 3 is not a valid scenario value/,
    );
    write('unknown.yaml', 'profile: u\nparameters:\n  turnover.leaderRat: 0.1\n');
    const u = write('su.yaml', 'name: s\nprofile: unknown.yaml\n');
    expect(errorOf(() => loadScenarioFile(u))).toMatch(/unknown\.yaml:3:\d+: .*turnover\.leaderRat/);
  });
});
