/**
 * The workshop's model side, in Node: the live session runs the CLI's model
 * exactly, the room's changes act as the scenario format says they would,
 * exports reproduce the room's run, links restore the setup.
 * (The browser itself is tested in test/browser/workshop.e2e.test.ts.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadScenario } from '../src/api.ts';
import { simulate } from '../src/simulate.ts';
import { ScenarioSchema } from '../src/scenario/schema.ts';
import { Bench, makePreset, readScenarioText, ScenarioProblem, Session, variantSetup, type Preset } from '../src/workshop/app/session.ts';
import { decodeHash, defaultSetup, encodeHash, scenarioInputOf, setupFromHash, type Setup } from '../src/workshop/app/setup.ts';
import { TraitMemory, setTraitLevel } from '../src/workshop/app/controls.ts';
import { whenLabel } from '../src/workshop/app/narrate.ts';
import { LOCALITY_DETAIL_CAP, TRACE, unpackTrace } from '../src/workshop/app/trace.ts';
import { builtinPresets, readPresets } from '../src/workshop/build.ts';

const ROOT = join(import.meta.dirname, '..');
const preset = (id: string): Preset => makePreset(id, `scenarios/${id}.yaml`, readFileSync(join(ROOT, 'scenarios', `${id}.yaml`), 'utf8'));
const TEAM = preset('workshop-team');

function run(s: Session, ticks: number): void {
  for (let t = 0; t < ticks; t++) s.step();
}

/** Every series value of a session against a simulate() output, row by row (NaN = not observed). */
function expectSameSeries(sess: Session, ref: ReturnType<typeof simulate>, rows: number): void {
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
function loadExport(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'collabsim-ws-'));
  const file = join(dir, 'export.yaml');
  writeFileSync(file, text);
  return loadScenario(file);
}

describe('workshop session', () => {
  it('runs the CLI model exactly: same preset and seed, same trajectory', () => {
    const s = new Session('A', TEAM, { ...defaultSetup(TEAM), seed: 5 });
    expect(s.model.ctx.trace).toBe(s.trace.sink); // the interaction trace is on and changes nothing
    run(s, 30);
    expectSameSeries(s, simulate(loadScenario(join(ROOT, 'scenarios/workshop-team.yaml')), { seed: 5 }), 31);
  });

  it('runs a locality preset exactly too, through structural rebuilds', () => {
    const city = preset('city-baseline');
    const s = new Session('A', city, { ...defaultSetup(city), seed: 3 });
    expect(s.model.ctx.trace).toBe(s.trace.sink); // traced, and still the CLI's trajectory
    run(s, 14);
    expect(s.structure).toBeGreaterThan(0); // the policy layer rebuilt the groups at a year boundary
    // Every interaction counted, the details of only a sample kept.
    expect(s.trace.total).toBeGreaterThan(LOCALITY_DETAIL_CAP);
    expect(s.trace.n).toBe(LOCALITY_DETAIL_CAP);
    expect(s.trace.count(TRACE.challenge)).toBe(s.state.tallies.challenges);
    expectSameSeries(s, simulate(loadScenario(join(ROOT, 'scenarios/city-baseline.yaml')), { seed: 3, years: 14 / 6 }), 15);
  });

  it('applies room events as the same events in a scenario timeline would: the export reproduces the run', () => {
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 11 });
    run(bench.a, 7);
    expect(bench.fire('hiddenAgenda', 2)).toBeNull();
    run(bench.a, 5);
    expect(bench.fire('leaderLeaves', 1)).toBeNull();
    expect(bench.fire('inspectionDowngrade', 4)).toBeNull();
    run(bench.a, 4);
    bench.practice('partnershipLead', true); // a practice with a timeline event
    bench.set('leaderRate', 0.3); // a setting with a timeline event
    bench.set('competition', 0.6);
    run(bench.a, 20);
    expect(bench.a.midRun).toEqual([]);
    const { text } = bench.a.exportYaml();
    const exported = loadExport(text);
    expect(exported.timeline.map((e) => e.event)).toEqual(['hiddenAgenda', 'leaderLeaves', 'inspectionDowngrade', 'practices', 'leaderRate', 'competition']);
    expectSameSeries(bench.a, simulate(exported, { years: 36 / 6 }), 37);
  });

  it('changes of settings at the start are starting values of the exported scenario', () => {
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 4 });
    bench.set('openness', 0.8);
    bench.set('meetingsPerYear', 9);
    bench.practice('codeOfConduct', true);
    bench.teamSize(4);
    run(bench.a, 30);
    const exported = loadExport(bench.a.exportYaml().text);
    expect(exported.schools.named).toHaveLength(4);
    expect(exported.leaders.openness.mean).toBe(0.8);
    expect(exported.schools.named![0].leader!.openness).toBeCloseTo(1, 10); // Ann 0.8 moved with the level (+0.3), capped at 1
    expect(exported.partnerships.practices.codeOfConduct).toBe(true);
    expectSameSeries(bench.a, simulate(exported), 31);
  });

  it('a live slider change alters the trajectory from that tick on, and only then', () => {
    const base = new Session('A', TEAM, { ...defaultSetup(TEAM), seed: 5 });
    run(base, 30);
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 5 });
    run(bench.a, 6);
    bench.set('candour', 0.1);
    expect(bench.a.current.settings.candour).toBe(0.1);
    expect(bench.a.midRun).toEqual(['candour']);
    run(bench.a, 24);
    const a = base.series();
    const b = bench.a.series();
    const nk = a.keys.length;
    const col = a.keys.findIndex((k) => k.metric === 'lencioni_conflict' && k.level === 'all');
    for (let r = 0; r <= 6; r++) expect(b.values[r * nk + col]).toBe(a.values[r * nk + col]);
    expect(b.values[30 * nk + col]).toBeLessThan(a.values[30 * nk + col] - 0.05); // without candour, conflict stays low
    // The export says so: the changed setting is written as a starting value.
    expect(bench.a.exportYaml().text).toMatch(/written here as starting values/);
  });

  it('trait sliders keep the personas apart and come back to where they were', () => {
    const s = new Session('A', TEAM, { ...defaultSetup(TEAM), seed: 2 });
    const L = s.state.leaders;
    const before = Array.from(L.openness);
    const mem = new TraitMemory();
    setTraitLevel(s.model, mem, 'openness', 0.95);
    expect(L.openness[0]).toBe(1); // Ann (0.8) is capped
    expect(L.openness[1]).toBeCloseTo(before[1] + 0.45, 6); // Ben moves by the same amount
    setTraitLevel(s.model, mem, 'openness', 0.5);
    expect(Array.from(L.openness)).toEqual(before);
    expect(s.scenario.leaders.openness.mean).toBe(0.5);
  });

  it('narrates events and meetings in plain language, with exact counts', () => {
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 5 });
    run(bench.a, 3);
    bench.fire('hiddenAgenda', 2);
    const snap = bench.a.snapshot();
    const lines = snap.log.map((l) => l.text);
    expect(lines.some((t) => /^Cath's hidden agenda comes out/.test(t))).toBe(true);
    expect(lines.some((t) => /^The heads met: \d+ challenges? (was|were) made/.test(t))).toBe(true);
    // Integrity of Cath in her partners' eyes collapsed.
    const E = bench.a.state.edges;
    for (let e = 0; e < E.n; e++) if (E.dst[e] === 2) expect(E.integrity[e]).toBeLessThan(0.25);
    expect(whenLabel(7, 6)).toBe('Year 2, Autumn 1');
  });

  it('tells who did what to whom from the trace: every story names an actor and target the model reported', () => {
    const s = new Session('A', TEAM, { ...defaultSetup(TEAM), seed: 7 });
    // Listen to the model alongside the session's own buffer.
    const sink = s.model.ctx.trace!;
    let raw: { kind: number; actor: number; target: number; ok: boolean }[] = [];
    s.model.ctx.trace = (kind, actor, target, ok, group) => {
      raw.push({ kind, actor, target, ok });
      sink(kind, actor, target, ok, group);
    };
    const told = new Set<string>();
    let stories = 0;
    for (let t = 1; t <= 36; t++) {
      raw = [];
      s.step();
      const snap = s.snapshot();
      // The snapshot carries this tick's trace, in full in a team.
      expect(snap.trace.tick).toBe(t);
      expect(unpackTrace(snap.trace).map(({ kind, actor, target, ok }) => ({ kind, actor, target, ok }))).toEqual(raw);
      const names = snap.names;
      const has = (kind: number, actor: number, target: number, ok: boolean) => raw.some((r) => r.kind === kind && r.actor === actor && r.target === target && r.ok === ok);
      for (const l of snap.log) {
        if (l.kind === 'meeting' && raw.length) {
          const c = raw.filter((r) => r.kind === TRACE.challenge).length;
          expect(s.state.tallies.challenges).toBe(c); // the model's own tally of this tick agrees with the trace
          expect(l.text).toMatch(new RegExp(`^The heads met.*?: ${c === 0 ? 'nobody challenged anyone' : `${c} challenges? (was|were) made`}`));
        }
        if (!l.act) continue;
        stories++;
        const { kind, actor, targets, ok } = l.act;
        expect(l.heads).toEqual([actor, ...targets]);
        for (const tg of targets) expect(has(kind, actor, tg, ok), `${l.text} (not in the trace)`).toBe(true);
        const a = names[actor];
        const b = targets.map((tg) => names[tg]);
        if (kind === TRACE.challenge) expect(l.text.startsWith(`${a} challenged ${b[0]}`) && l.text.includes(`${b[0]} took it ${ok ? 'well' : 'as an attack'}`), l.text).toBe(true);
        if (kind === TRACE.vulnerability) expect(l.text.startsWith(`${a} admitted a weakness`) && l.text.includes(`to ${b[0]}, who ${ok ? 'responded with support' : 'offered no support'}`), l.text).toBe(true);
        if (kind === TRACE.promise) {
          expect(ok).toBe(false);
          expect(l.text.startsWith(`${a} broke a commitment to `), l.text).toBe(true);
          if (!l.text.includes('to the group')) for (const n of b) expect(l.text).toContain(n);
        }
        told.add(`${kind}:${ok}`);
      }
    }
    expect(stories).toBeGreaterThan(20);
    // Broken commitments, challenges taken well and as an attack, admissions met with support and without.
    expect([...told].sort()).toEqual(['1:false', '2:false', '2:true', '3:false', '3:true']);
  });

  it('what-if: copy B is the same setup and seed with one setting changed', () => {
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 8 }, { key: 'candour', value: 0.2 });
    run(bench.a, 0);
    for (let t = 0; t < 18; t++) bench.step();
    const direct = new Session('A', TEAM, variantSetup({ ...defaultSetup(TEAM), seed: 8 }, { key: 'candour', value: 0.2 }));
    run(direct, 18);
    expect(Array.from(bench.b!.series().values)).toEqual(Array.from(direct.series().values));
    const plain = new Session('A', TEAM, { ...defaultSetup(TEAM), seed: 8 });
    run(plain, 18);
    expect(Array.from(bench.a.series().values)).toEqual(Array.from(plain.series().values));
    expect(Array.from(bench.b!.series().values)).not.toEqual(Array.from(plain.series().values));
  });

  it('a link carries the setup: encode, decode, restore', () => {
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 42, teamSize: 5 });
    bench.set('candour', 0.7);
    run(bench.a, 4);
    bench.fire('leaderLeaves', 0);
    run(bench.a, 2);
    bench.set('leaderRate', 0.2);
    const hash = bench.hash();
    expect(hash).toMatch(/^s=[A-Za-z0-9_-]+$/);
    const restored = setupFromHash(decodeHash(`#${hash}`)!, TEAM);
    expect(restored).toEqual(JSON.parse(JSON.stringify(bench.a.setup)));
    // And the restored setup runs the same trajectory.
    const again = new Session('A', TEAM, restored);
    run(again, 6);
    expect(Array.from(again.series().values)).toEqual(Array.from(bench.a.series().values));
    expect(() => decodeHash('#s=not-json')).toThrow(/damaged/);
    expect(decodeHash('#other')).toBeNull();
  });

  it('exports valid scenario files for every preset and team size', () => {
    for (const n of [3, 4, 6, 8]) {
      const input = scenarioInputOf(TEAM, { ...defaultSetup(TEAM), teamSize: n });
      const r = ScenarioSchema.safeParse(input);
      expect(r.success).toBe(true);
      expect(r.success && r.data.schools.named!.length).toBe(n);
    }
    for (const p of readPresets(join(ROOT, 'scenarios'))) {
      const pr = makePreset(p.id, p.file, p.text);
      const s = new Session('A', pr, defaultSetup(pr));
      run(s, 2);
      const parsed = parseYaml(s.exportYaml().text);
      expect(ScenarioSchema.safeParse(parsed).success, p.file).toBe(true);
    }
  });

  it('rejects a broken scenario file with the paths of the problems', () => {
    expect(() => readScenarioText('bad.yaml', 'name: x\nschools: { cuont: 3 }\n')).toThrow(ScenarioProblem);
    try {
      readScenarioText('bad.yaml', 'name: x\nschools: { cuont: 3 }\n');
    } catch (e) {
      expect((e as ScenarioProblem).issues.join(' ')).toMatch(/schools/);
    }
  });

  it('offers City, Town and Shire as presets', () => {
    const files = readPresets(join(ROOT, 'scenarios'));
    const all = [...files, ...builtinPresets(files)];
    const kinds = new Set(all.map((p) => (parseYaml(p.text) as { locality?: { preset?: string } }).locality?.preset));
    for (const k of ['city', 'town', 'shire']) expect(kinds.has(k)).toBe(true);
  });

  it('trust and competition levers in a locality: live changes are timeline events, and the export reproduces the run', () => {
    const town = preset('town-baseline');
    const bench = new Bench(new Map([[town.id, town]]));
    bench.load({ ...defaultSetup(town), seed: 6 });
    run(bench.a, 8);
    bench.set('matOpenness', 0.1); // trusts close their boundaries
    bench.set('competition', 0.9);
    expect(bench.fire('matForms', undefined)).toBeNull();
    run(bench.a, 10);
    expect(bench.a.setup.events.map((e) => e.kind)).toEqual(['set', 'set', 'matForms']);
    const exported = loadExport(bench.a.exportYaml().text);
    expect(exported.timeline.map((e) => e.event)).toEqual(['matOpenness', 'competition', 'matConsolidation']);
    expectSameSeries(bench.a, simulate(exported, { years: 18 / 6 }), 19);
  });

  it('a MAT can form in a team, and then its openness can be moved', () => {
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 3 });
    expect(bench.a.unsupported().matOpenness).toBeDefined();
    run(bench.a, 6);
    expect(bench.fire('matForms', undefined)).toBeNull();
    run(bench.a, 1);
    expect(bench.a.state.policy!.mats.length).toBeGreaterThan(0);
    expect(Array.from(bench.a.state.schools.mat).filter((m) => m >= 0).length).toBeGreaterThanOrEqual(2);
    expect(bench.a.unsupported().matOpenness).toBeUndefined();
    expect(bench.a.structure).toBeGreaterThan(0);
    const lines = bench.a.snapshot().log.map((l) => l.text).join(' ');
    expect(lines).toMatch(/Trusts consolidate/);
  });

  it('settings that come from a locality preset start at the preset values', () => {
    const town = preset('town-baseline');
    const setup: Setup = defaultSetup(town);
    const s = new Session('A', town, setup);
    expect(setup.settings.competition).toBe(s.state.policy!.localities[0].choice);
    expect(setup.settings.matOpenness).toBe(s.state.policy!.localities[0].matOpenShare);
    // Unchanged settings add nothing to the file.
    expect(scenarioInputOf(town, setup)).toEqual({ ...town.raw, seed: setup.seed, leaders: town.raw.leaders });
    expect(encodeHash(setup, town)).toBe(encodeHash(defaultSetup(town), town));
  });
});
