/**
 * Property-based fuzzing of input documents (fast-check). Shipped scenario
 * and sweep files are mutated at random (numbers replaced by extremes and
 * random values, types swapped, keys deleted or misspelt, lists emptied) and
 * each mutant must either be refused with an InputError whose every issue
 * has a line and a message (the CLI's exit 2), or be accepted and then run
 * with finite outputs: no stack trace, no Infinity, no NaN in the measures
 * that are defined for every run. A failure prints the shrunk mutant.
 */
import { loadScenarioFile } from '../../src/scenario/scenario-file.ts';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { parse as parseYaml, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, parseText } from '../../src/scenario/load.ts';
import { ScenarioSchema } from '../../src/model/schema.ts';
import { simulate } from '../../src/model/simulate.ts';
import { loadSweep } from '../../src/experiment/load.ts';

const ROOT = join(import.meta.dirname, '../..');
const SCENARIOS = ['peer-review-cluster.yaml', 'workshop-team.yaml', 'leader-turnover-shock.yaml', 'town-baseline.yaml'];
/** Measures defined in every run (school measures; relationship and group measures are NaN when there are none, e.g. no partnerships). */
const ALWAYS = ['effectiveness_mean', 'effectiveness_sd', 'internal_trust_mean', 'capacity_mean', 'teacher_retention', 'share_good_or_better'];
/** A run bigger than this is validated but not run (the fuzz must stay fast). */
const MAX_RUN_SCHOOLS = 400;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value in a document, containers included. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

/** Key paths of every number the scenario schema knows (so mutants also set parameters a file does not mention). */
function schemaNumbers(node: { properties?: Record<string, unknown>; type?: unknown }, at: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, c] of Object.entries(node.properties ?? {})) {
    const child = c as { properties?: Record<string, unknown>; type?: unknown };
    if (child.type === 'number' || child.type === 'integer') out.push([...at, k]);
    out.push(...schemaNumbers(child, [...at, k]));
  }
  return out;
}
const PARAMS = schemaNumbers(z.toJSONSchema(ScenarioSchema, { io: 'input' }) as never).filter((p) => p[0] !== 'seed');

type Mutation =
  | { kind: 'set'; where: number; value: Json }
  | { kind: 'param'; which: number; value: number }
  | { kind: 'number'; where: number; value: number }
  | { kind: 'delete'; where: number }
  | { kind: 'rename'; where: number; suffix: string };

const extremes = fc.oneof(
  fc.constantFrom(0, -1, 1, 0.5, 1e-12, 1e6, 1e308, -1e308, 2 ** 53, 4294967296, 99999),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }),
  fc.integer({ min: -10, max: 5000 }),
);
const values: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: extremes },
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.array(extremes, { maxLength: 3 }),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Most mutants keep the document's shape and change a number, or set a parameter the file leaves at its default: these reach the model.
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('param' as const), which: fc.nat(), value: extremes }) },
  {
    weight: 10,
    arbitrary: fc.record({ kind: fc.constant('number' as const), where: fc.nat(), value: fc.oneof(extremes, fc.double({ min: 0, max: 1, noNaN: true })) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), where: fc.nat(), value: values }) },
  fc.record({ kind: fc.constant('delete' as const), where: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), where: fc.nat(), suffix: fc.constantFrom('x', 's', '_', 'Rate') }),
);

function mutate(doc: Json, ms: Mutation[]): Json {
  const copy = structuredClone(doc);
  for (const m of ms) {
    if (m.kind === 'param') {
      const p = PARAMS[m.which % PARAMS.length];
      let o = copy as Record<string, Json>;
      for (const k of p.slice(0, -1)) o = o[k] && typeof o[k] === 'object' && !Array.isArray(o[k]) ? o[k] : (o[k] = {});
      o[p[p.length - 1]] = m.value;
      continue;
    }
    const all = paths(copy).filter((p) => p.length > 0);
    const numeric = all.filter((p) => typeof p.reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], copy) === 'number');
    const ps = m.kind === 'number' ? numeric : all;
    if (!ps.length) break;
    const p = ps[m.where % ps.length];
    let parent = copy as Record<string | number, Json>;
    for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
    const key = p[p.length - 1];
    if (m.kind === 'set' || m.kind === 'number') parent[key] = m.value;
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else if (m.kind === 'delete') delete parent[key];
    else {
      parent[`${String(key)}${m.suffix}`] = parent[key];
      delete parent[key];
    }
  }
  return copy;
}

/** A refusal must be an InputError with a position and a message for every issue: the CLI prints it and exits 2. */
function expectCleanRefusal(e: unknown, text: string): void {
  if (!(e instanceof InputError))
    throw new Error(`not an input error (a stack trace in the CLI): ${e instanceof Error ? e.stack : String(e)}\n--- input ---\n${text}`);
  expect(e.issues.length).toBeGreaterThan(0);
  for (const i of e.issues) {
    expect(i.message.length, text).toBeGreaterThan(0);
    expect(i.line, `${i.message}\n${text}`).toBeGreaterThanOrEqual(1);
  }
}

/**
 * The property every scenario document must have: refused cleanly, or (when small enough to run here)
 * run with no Infinity and finite school measures. Returns whether it ran; `label` names the input in messages.
 */
function refusedOrFinite(text: string, label: string, seed: number, years: number, skipLocality = false): boolean {
  let scenario;
  try {
    scenario = parseText(ScenarioSchema, text, 'fuzz.yaml');
  } catch (e) {
    expectCleanRefusal(e, text);
    return false;
  }
  const n = scenario.schools.named?.length ?? scenario.schools.count;
  if (n > MAX_RUN_SCHOOLS || (skipLocality && scenario.locality)) return false;
  const { summary } = simulate(scenario, { seed, years: Math.min(years, scenario.years) });
  for (const [k, v] of Object.entries(summary)) expect(Math.abs(v), `${label}: ${k} = ${v}`).not.toBe(Infinity);
  for (const k of ALWAYS) expect(Number.isFinite(summary[k]), `${label}: ${k} = ${summary[k]}`).toBe(true);
  return true;
}

/** A scenario file as the CLI reads it (its profile applied), so mutations are not all refused for the \`profile\` key. */
const asCli = (file: string): Json => loadScenarioFile(file).raw as Json;

describe('fuzzed scenario documents: refused with a location, or run with finite outputs', () => {
  for (const name of SCENARIOS) {
    const doc = asCli(join(ROOT, 'scenarios', name));
    it(
      name,
      () => {
        fc.assert(
          fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.nat({ max: 1000 }), (ms, seed) => {
            const text = stringify(mutate(doc, ms));
            refusedOrFinite(text, text, seed, 1);
          }),
          { numRuns: 400, seed: 20261205 },
        );
      },
      120_000,
    );
  }
});

describe('every parameter the schema knows, at every extreme: refused with a location, or run with finite outputs', () => {
  const doc = asCli(join(ROOT, 'scenarios', 'workshop-team.yaml'));
  const EXTREMES = [1e308, -1e308, 1e6, 99999, -1, 0, 0.5, 1, 2];
  it(`${PARAMS.length} parameters x ${EXTREMES.length} values on the team scenario`, () => {
    expect(PARAMS.length).toBeGreaterThan(100);
    let ran = 0;
    for (let which = 0; which < PARAMS.length; which++)
      for (const value of EXTREMES) {
        const text = stringify(mutate(doc, [{ kind: 'param', which, value }]));
        if (refusedOrFinite(text, `${PARAMS[which].join('.')} = ${value}`, 1, 2, true)) ran++;
      }
    expect(ran).toBeGreaterThan(300);
  }, 120_000);
});

describe('fuzzed scenario documents through the real command line', () => {
  let dir: string;
  let peak: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'collabsim-fuzz-cli-'));
    peak = join(dir, 'peak.mjs');
    writeFileSync(
      peak,
      "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exit 0 with a finished output folder, or exit 2 with file:line:column and no folder; never a stack trace; within 20 s and 600 MB each', () => {
    const doc = asCli(join(ROOT, 'scenarios', 'peer-review-cluster.yaml'));
    const samples = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 3 }), { numRuns: 10, seed: 7 });
    const codes: number[] = [];
    samples.forEach((ms, i) => {
      const file = join(dir, `m${i}.yaml`);
      writeFileSync(file, stringify(mutate(doc, ms)));
      const out = join(dir, `out${i}`);
      const rssFile = join(dir, `rss${i}`);
      const r = spawnSync(process.execPath, ['--import', peak, join(ROOT, 'bin', 'collabsim.mjs'), 'run', file, '--years', '1', '--out', out, '--quiet'], {
        encoding: 'utf8',
        timeout: 20_000,
        env: { ...process.env, RSS_FILE: rssFile },
      });
      const text = readFileSync(file, 'utf8');
      expect([0, 2], `${r.stderr}\n${text}`).toContain(r.status);
      codes.push(r.status!);
      expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      // Peak resident memory of the process (KiB), written at exit by the preloaded module.
      expect(Number(readFileSync(rssFile, 'utf8')) / 1024).toBeLessThan(600);
      if (r.status === 2) {
        expect(r.stderr).toMatch(/m\d+\.yaml:\d+:\d+: error/);
        expect(existsSync(out)).toBe(false);
      } else expect(existsSync(join(out, 'summary.json'))).toBe(true);
    });
    expect(codes).toContain(2);
  }, 300_000);
});

describe('fuzzed sweep documents: refused with a location, or loaded with a design within its limits', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'collabsim-fuzz-'));
    copyFileSync(join(ROOT, 'scenarios', 'workshop-team.yaml'), join(dir, 'base.yaml'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trust-turnover-grid.yaml', async () => {
    const doc = parseYaml(readFileSync(join(ROOT, 'scenarios', 'sweeps', 'trust-turnover-grid.yaml'), 'utf8')) as Record<string, Json>;
    doc.base = 'base.yaml';
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        const text = stringify(mutate(doc, ms));
        const file = join(dir, 'sweep.yaml');
        writeFileSync(file, text);
        try {
          const sweep = await loadSweep(file);
          expect(sweep.totalRuns).toBeGreaterThan(0);
          expect(sweep.totalRuns).toBeLessThanOrEqual(10_000_000);
        } catch (e) {
          expectCleanRefusal(e, text);
        }
      }),
      { numRuns: 300, seed: 20261205 },
    );
  }, 120_000);
});
