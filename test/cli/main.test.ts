/**
 * End-to-end tests of the command-line tool on the shipped scenarios and on
 * malformed files: real processes, real files.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedSchemaFiles } from '../../src/cli/commands/schema.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'collabsim.mjs');

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'collabsim-cli-'));
});

const TABLES = ['timeseries.csv', 'schools.csv', 'summary.json'];

describe('collabsim run', () => {
  it('same scenario and seed give byte-identical tables in two output folders (one on two threads, its replications on two workers); another seed differs', () => {
    const a = join(tmp, 'A');
    const b = join(tmp, 'B');
    const c = join(tmp, 'C');
    for (const [dir, seed, extra] of [
      [a, '7', []],
      [b, '7', ['--threads', '2', '--workers', '2']],
      [c, '8', []],
    ] as const) {
      const r = cli(['run', 'scenarios/peer-review-cluster.yaml', '--seed', seed, '--out', dir, '--quiet', ...extra]);
      expect(r.code, r.stderr).toBe(0);
    }
    // The replications answering the question ran here for A (short runs) and on worker threads for B.
    for (const f of [...TABLES, 'answer.csv', 'replications.csv', 'bands.csv']) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    expect(readFileSync(join(a, 'timeseries.csv')).equals(readFileSync(join(c, 'timeseries.csv')))).toBe(false);
    const files = readdirSync(a);
    for (const f of ['manifest.json', 'timeseries.csv', 'schools.csv', 'groups.csv', 'summary.json', 'report.html', 'charts']) expect(files).toContain(f);
    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(7);
    expect(manifest.scenario_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.scenario.partnerships.peerReview.enabled).toBe(true);
    expect(manifest.scenario.model.trust.buildRate).toBeGreaterThan(0);
    const report = readFileSync(join(a, 'report.html'), 'utf8');
    expect(report).toContain('peer-review cycle');
    expect(report).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/);
    expect(readdirSync(join(a, 'charts')).filter((f) => f.endsWith('.svg')).length).toBeGreaterThanOrEqual(4);
    // Tidy time series: header and one row per tick per metric per level.
    const lines = readFileSync(join(a, 'timeseries.csv'), 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('run_id,seed,tick,year,metric,level,value');
    expect(lines.some((l) => l.includes(',lencioni_results,group:P1,'))).toBe(true);
  });

  it('--years overrides the scenario and every shipped scenario runs', () => {
    for (const f of readdirSync(join(ROOT, 'scenarios')).filter((x) => x.endsWith('.yaml'))) {
      const out = join(tmp, `all-${f}`);
      const r = cli(['run', `scenarios/${f}`, '--years', '1', '--out', out, '--quiet']);
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
      const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(m.years).toBe(1);
    }
  });

  it('writes into results/<scenario-name>/<run-id>/ by default', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'collabsim-cwd-'));
    const r = spawnSync(process.execPath, [BIN, 'run', join(ROOT, 'scenarios/workshop-team.yaml'), '--years', '1', '--quiet'], { cwd, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const runs = readdirSync(join(cwd, 'results', 'workshop-team'));
    expect(runs.length).toBe(1);
    expect(runs[0]).toMatch(/-s1$/);
    expect(existsSync(join(cwd, 'results', 'workshop-team', runs[0], 'report.html'))).toBe(true);
  });
});

describe('invalid input: clear errors, exit code 2, nothing written', () => {
  const cases: [string, string, RegExp[]][] = [
    ['syntax error', 'name: x\nschools:\n  count: [1, 2\n', [/bad\.yaml:\d+:\d+/]],
    ['misspelt key', 'name: x\nschools:\n  cont: 12\n', [/bad\.yaml:3:3/, /schools\.cont/, /did you mean 'count'/]],
    ['wrong type', 'name: x\nyears: five\n', [/bad\.yaml:2:8/, /years/, /expected.*number/i, /found.*five/]],
    ['out of range', 'name: x\nleaders:\n  candour:\n    mean: 1.5\n', [/bad\.yaml:4:11/, /leaders\.candour\.mean/, /1\.5/]],
    ['empty file', '', [/bad\.yaml:1:1/, /empty/]],
    ['unknown event', 'name: x\ntimeline:\n  - { year: 1, event: leaderLeave, school: 0 }\n', [/bad\.yaml:3/, /timeline\[0\]\.event/, /leaderLeaves/]],
  ];
  for (const [label, text, patterns] of cases) {
    it(label, () => {
      const dir = mkdtempSync(join(tmpdir(), 'collabsim-bad-'));
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, text);
      const out = join(dir, 'out');
      const r = cli(['run', file, '--out', out, '--quiet']);
      expect(r.code).toBe(2);
      for (const p of patterns) expect(r.stderr).toMatch(p);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir)).toEqual(['bad.yaml']);
      const v = cli(['validate', file]);
      expect(v.code).toBe(2);
    });
  }

  it('a bad command-line value is exit code 2', () => {
    expect(cli(['run', 'scenarios/workshop-team.yaml', '--seed', 'abc']).code).toBe(2);
  });

  it('validate accepts every shipped scenario', () => {
    const files = readdirSync(join(ROOT, 'scenarios'))
      .filter((x) => x.endsWith('.yaml'))
      .map((f) => `scenarios/${f}`);
    const r = cli(['validate', ...files]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').length).toBe(files.length);
  });
});

describe('schema', () => {
  it('the committed JSON Schema and reference docs are up to date (run `npm run schema` after changing the schema)', () => {
    for (const [path, text] of Object.entries(generatedSchemaFiles())) {
      expect(readFileSync(join(ROOT, path), 'utf8'), `${path} is stale`).toBe(text);
    }
  });

  it('`collabsim schema` prints the JSON Schema, which rejects unknown keys', () => {
    const r = cli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.partnerships.properties.practices.properties.codeOfConduct.type).toBe('boolean');
  });

  it('--help works for every command', () => {
    for (const c of [[], ['run'], ['validate'], ['schema']]) {
      const r = cli([...c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: collabsim/);
    }
  });

  it('lists every command in the help and offers them for a misspelt one (the commands are loaded only when named)', () => {
    const names = ['run', 'validate', 'schema', 'sweep', 'merge', 'compare', 'calibrate', 'screen', 'discover'];
    const help = cli(['--help']).stdout;
    const listed = [...help.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]).filter((n) => n !== 'help');
    expect(listed).toEqual(names);
    const typo = cli(['swep']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean sweep\?/);
    const version = cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
