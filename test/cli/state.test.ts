/**
 * `collabsim run --save-state-at` and `--from-state` end to end (docs/branching.md):
 * real processes, real files. A run saved at year Y and continued writes the
 * same tables as the run straight through; a branch equals it up to Y; bad
 * state files and incompatible scenarios are refused (exit 2, nothing written).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeStateFile, encodeStateFile } from '../../src/output/state-container.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'collabsim.mjs');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `collabsim run <file> --reps 1 --quiet --out <out> ...more`; expects success. */
function run(file: string, out: string, ...more: string[]) {
  const r = cli(['run', file, '--reps', '1', '--quiet', '--out', out, ...more]);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

/** `collabsim run` that must be refused: exit 2, the messages, no output folder, no stack trace. */
function refused(args: string[], ...patterns: RegExp[]) {
  const out = join(tmp, `refused-${Math.random().toString(36).slice(2)}`);
  const r = cli(['run', ...args, '--reps', '1', '--quiet', '--out', out]);
  expect(r.code, r.stderr).toBe(2);
  for (const p of patterns) expect(r.stderr).toMatch(p);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
  return r;
}

const TABLES = ['timeseries.csv', 'summary.json', 'schools.csv', 'groups.csv'];
/** Manifest keys that record dates, timings or where the state went or came from. */
const VARYING = ['started_at', 'ended_at', 'simulation_ms', 'model_ms', 'saved_state', 'from_state'];

function manifest(dir: string): Record<string, unknown> {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  for (const k of VARYING) delete m[k];
  return m;
}

function expectSameRun(a: string, b: string) {
  for (const f of TABLES) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  expect(manifest(b)).toEqual(manifest(a));
}

let tmp: string;
let lb: { straight: string; state: string };
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'collabsim-state-'));
  const straight = join(tmp, 'lb-straight');
  run('scenarios/locality-baseline.yaml', straight, '--save-state-at', '3');
  lb = { straight, state: join(straight, 'state-y3.cstate') };
});

describe('a run saved at year Y and continued writes the same tables as the run straight through', () => {
  it('locality-baseline saved at year 3 (the state file lands in the run folder)', () => {
    expect(existsSync(lb.state)).toBe(true);
    const saved = JSON.parse(readFileSync(join(lb.straight, 'manifest.json'), 'utf8')) as { saved_state: { file: string; year: number; tick: number } };
    expect(saved.saved_state).toMatchObject({ file: 'state-y3.cstate', year: 3, tick: 18 });
    const cont = join(tmp, 'lb-continued');
    run('scenarios/locality-baseline.yaml', cont, '--from-state', lb.state);
    expectSameRun(lb.straight, cont);
    const m = JSON.parse(readFileSync(join(cont, 'manifest.json'), 'utf8')) as { from_state: { year: number; scenario_name: string } };
    expect(m.from_state).toMatchObject({ year: 3, scenario_name: 'locality-baseline' });
    // A state run to the end of the horizon has nothing left to run, and is still the same run.
    const end = join(tmp, 'lb-end.cstate');
    run('scenarios/locality-baseline.yaml', join(tmp, 'lb-straight-2'), '--save-state-at', '5', '--state-out', end);
    const tail = join(tmp, 'lb-tail');
    run('scenarios/locality-baseline.yaml', tail, '--from-state', end);
    expectSameRun(lb.straight, tail);
  });

  it('a city with trusts consolidating, a turnover shock and a new leaver rate before the saved year 2.5, trusts closing and competition after', () => {
    const file = join(tmp, 'mat-events.yaml');
    writeFileSync(
      file,
      [
        'name: mat-events',
        'profile: england',
        'years: 5',
        'locality: { preset: city }',
        'timeline:',
        '  - { event: matConsolidation, year: 0.5, rate: 0.12, until: 1 }',
        '  - { event: turnoverShock, year: 1.5, share: 0.2 }',
        '  - { event: leaderRate, year: 2, rate: 0.15 }',
        '  - { event: matOpenness, year: 3.5, open: false }',
        '  - { event: competition, year: 4, choiceIntensity: 0.8, fallingRolls: 0.03 }',
        '',
      ].join('\n'),
    );
    const straight = join(tmp, 'mat-straight');
    const state = join(tmp, 'states', 'mat-2.5.cstate');
    run(file, straight, '--seed', '3', '--save-state-at', '2.5', '--state-out', state);
    expect(readdirSync(straight).some((f) => f.endsWith('.cstate'))).toBe(false);
    const cont = join(tmp, 'mat-continued');
    run(file, cont, '--from-state', state);
    expectSameRun(straight, cont);
  });
});

describe('branching', () => {
  it('a branch with peer review after year 3 equals the straight run up to year 3 and differs after', () => {
    const file = join(tmp, 'branch.yaml');
    const base = readFileSync(join(ROOT, 'scenarios/locality-baseline.yaml'), 'utf8').replace('name: locality-baseline', 'name: locality-peer-review');
    writeFileSync(
      file,
      `${base}\ntimeline:\n  - { event: practices, year: 3.5, codeOfConduct: true, partnershipLead: true, writtenRoles: true }\n  - { event: peerReview, year: 3.5, enabled: true }\n`,
    );
    const out = join(tmp, 'branch');
    run(file, out, '--from-state', lb.state);
    // Rows without the run id (it names the scenario), by tick.
    const rows = (dir: string) =>
      readFileSync(join(dir, 'timeseries.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.slice(l.indexOf(',') + 1));
    const tick = (l: string) => Number(l.split(',')[1]);
    const a = rows(lb.straight);
    const b = rows(out);
    expect(b.filter((l) => tick(l) <= 18)).toEqual(a.filter((l) => tick(l) <= 18));
    expect(b.filter((l) => tick(l) > 18)).not.toEqual(a.filter((l) => tick(l) > 18));
    expect(b.some((l) => l.includes(',peer_review_honesty,all,'))).toBe(true);
    expect(a.some((l) => l.includes(',peer_review_honesty,all,'))).toBe(false);
  });

  it('a scenario that is not the same population is refused, naming the key', () => {
    const file = join(tmp, 'other.yaml');
    writeFileSync(file, readFileSync(join(ROOT, 'scenarios/locality-baseline.yaml'), 'utf8').replace('count: 70', 'count: 71'));
    refused([file, '--from-state', lb.state], /error at schools\.count: cannot continue the state/, /schools\.count is 71 here but 70 in the saved run/);
    refused(['scenarios/peer-review-rollout.yaml', '--from-state', lb.state], /locality/, /timeline/);
    refused(['scenarios/locality-baseline.yaml', '--from-state', lb.state, '--seed', '2'], /--seed 2 differs from the seed of the saved run \(1\)/);
  });
});

describe('state files that cannot be continued are refused', () => {
  it('a corrupted byte', () => {
    const bytes = readFileSync(lb.state);
    bytes[Math.floor(bytes.length / 2)] ^= 0x20;
    const bad = join(tmp, 'corrupted.cstate');
    writeFileSync(bad, bytes);
    refused(['scenarios/locality-baseline.yaml', '--from-state', bad], /corrupted\.cstate: error: corrupted state file: its SHA-256 checksum does not match/);
  });

  it('a state saved by another model version, and an unknown format version', () => {
    const version = (JSON.parse(readFileSync(join(lb.straight, 'manifest.json'), 'utf8')) as { code_version: string }).code_version;
    const real = decodeStateFile(readFileSync(lb.state), lb.state, version);
    const { modelVersion: _v, compression: _c, ...meta } = real.header;
    const forged = join(tmp, 'forged.cstate');
    writeFileSync(forged, encodeStateFile(meta, real.body, '0.0.9+000000000000'));
    refused(
      ['scenarios/locality-baseline.yaml', '--from-state', forged],
      new RegExp(`saved by collabsim model version 0\\.0\\.9\\+000000000000; this is ${version.replace(/[.+]/g, '\\$&')}: re-run the warm-up`),
    );
    const future = readFileSync(lb.state);
    future.writeUInt32LE(2, 8);
    const later = join(tmp, 'future.cstate');
    writeFileSync(later, future);
    refused(['scenarios/locality-baseline.yaml', '--from-state', later], /state file format version 2 is unknown to this collabsim, which reads version 1/);
    refused(['scenarios/locality-baseline.yaml', '--from-state', 'scenarios/locality-baseline.yaml'], /not a collabsim state file/);
  });

  it('a year that is not at the end of a tick, or beyond the horizon', () => {
    refused(['scenarios/locality-baseline.yaml', '--save-state-at', '2.3'], /--save-state-at 2\.3 is not at the end of a tick/);
    refused(['scenarios/locality-baseline.yaml', '--save-state-at', '6'], /--save-state-at 6 is beyond the run's horizon \(year 5\)/);
    refused(['scenarios/locality-baseline.yaml', '--from-state', lb.state, '--save-state-at', '2'], /not after the year the run continues from \(3\)/);
  });

  it('a scenario recorded once a year: a run of part of a year, or a state saved between year ends', () => {
    const file = join(tmp, 'yearly.yaml');
    writeFileSync(file, 'name: yearly\nyears: 2\nschools: { count: 20 }\noutput: { every: year }\n');
    refused(
      [file, '--years', '1.5'],
      /--years 1\.5: .*yearly\.yaml records its series once a year \(output\.every: year\), so the run must last whole years, not 1\.5/,
    );
    refused([file, '--save-state-at', '0.5'], /--save-state-at 0\.5: the scenario records its series once a year/);
    // Recorded once a year, the run's table has a row per year end, each at its model tick.
    const out = join(tmp, 'yearly-run');
    run(file, out);
    const ticks = new Set(
      readFileSync(join(out, 'timeseries.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[2]),
    );
    expect([...ticks]).toEqual(['0', '6', '12']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('recorded once a year');
  });
});
