/**
 * Saving a run's state and continuing or branching from it (src/model/state-file.ts,
 * src/model/branch.ts, src/engine/state-codec.ts): a run saved at a tick and
 * continued is the same run, bit for bit; a branch changes only what it may.
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/api.ts';
import { canonicalJson } from '../../src/common/json.ts';
import { runLoop } from '../../src/engine/loop.ts';
import { decodeTree, encodeTree, StateCodecError } from '../../src/engine/state-codec.ts';
import { appliedEvents, branchIssues, branchMayChange, branchScenario, EVENT_SCENARIO_WRITES, differingPaths } from '../../src/model/branch.ts';
import { perTickRates } from '../../src/model/core/context.ts';
import type { SchoolModel } from '../../src/model/model.ts';
import { TimelineEventSchema, type Scenario, type ScenarioInput, type TimelineEvent } from '../../src/model/schema.ts';
import { collectOutput, createModel } from '../../src/model/simulate.ts';
import { loadSavedRun, restoreRun, saveRun } from '../../src/model/state-file.ts';

/** A town with trusts closing, alliances replaced by hubs, spanners leaving, competition, a new leaver rate and a turnover shock, before and after year 2. */
const BUSY: ScenarioInput = {
  years: 4,
  locality: { preset: 'town' },
  hubs: { alliances: 2, teachingSchoolHubsActive: false, designationFloor: 0 },
  competition: { choiceIntensity: 0.9, fallingRolls: 0.03, selectiveExpansion: 0.1 },
  timeline: [
    { event: 'matConsolidation', year: 0.5, rate: 0.3, until: 1, openness: 'closed' },
    { event: 'leaderRate', year: 1, rate: 0.2 },
    { event: 'replaceAlliancesByHubs', year: 1.5 },
    { event: 'spannersLeave', year: 2, share: 0.5 },
    { event: 'loseDesignation', year: 2.5, provider: 'teachingSchoolHub' },
    { event: 'turnoverShock', year: 3, share: 0.3 },
  ],
};
/** The core layout: 70 schools in partnerships, no locality. */
const CORE: ScenarioInput = { years: 4, schools: { count: 40 }, partnerships: { size: 5, coverage: 0.8 }, turnover: { leaderRate: 0.08 } };

type Saved = ReturnType<typeof saveRun>;

/** Run `scenario` to its horizon, saving at `tick`. */
function straight(scenario: Scenario, seed: number, tick: number): { model: SchoolModel; saved: Saved } {
  const model = createModel(scenario, { seed });
  let saved: Saved | undefined;
  runLoop(model, { ticks: model.ticks, onTick: (t) => (t === tick ? (saved = saveRun(model, scenario, seed, tick)) : undefined) });
  return { model, saved: saved! };
}

/** Continue a saved run under `scenario` to its horizon. */
function continued(saved: Saved, scenario: Scenario): SchoolModel {
  const run = loadSavedRun(saved.meta, saved.body);
  const ticks = Math.round(scenario.years * scenario.ticksPerYear);
  expect(branchIssues(run.scenario, scenario, saved.meta.tick, ticks)).toEqual([]);
  const model = restoreRun(run, scenario, ticks);
  runLoop(model, { ticks, from: saved.meta.tick });
  return model;
}

/** Every object, array and typed array reachable from v. */
function reachable(v: unknown, out = new Set<object>()): Set<object> {
  if (v && typeof v === 'object' && !out.has(v)) {
    out.add(v);
    if (!ArrayBuffer.isView(v)) for (const x of Object.values(v)) reachable(x, out);
  }
  return out;
}

const outputs = (m: SchoolModel, seed: number) => {
  const o = collectOutput(m, seed);
  return { series: Array.from(o.series.values), summary: canonicalJson(o.summary), schools: canonicalJson(o.schools), groups: canonicalJson(o.groups) };
};

describe('a run saved and continued is the same run', () => {
  for (const [label, input, seed, year] of [
    ['core layout, no locality', CORE, 3, 2],
    ['a town with trusts, hubs, spanners, competition and events before, at and after the saved year', BUSY, 5, 2],
  ] as const) {
    it(label, () => {
      const s = resolveScenario(input);
      const tick = year * s.ticksPerYear;
      const a = straight(s, seed, tick);
      const b = continued(a.saved, s);
      expect(outputs(b, seed)).toEqual(outputs(a.model, seed));
      // Not only the outputs: every array of the final state, the streams and the parameters.
      expect(Buffer.from(encodeTree(b.state as never)).equals(Buffer.from(encodeTree(a.model.state as never)))).toBe(true);
      expect(canonicalJson(b.scenario)).toBe(canonicalJson(a.model.scenario));
      expect(Object.values(b.ctx.rng).map((r) => r())).toEqual(Object.values(a.model.ctx.rng).map((r) => r()));
      // The state shares no object with the parameters: a continued run's parameters are a new working copy.
      const inScenario = reachable(a.model.scenario);
      expect([...reachable(a.model.state)].filter((o) => inScenario.has(o))).toEqual([]);
    });
  }

  it('saving does not disturb the run, and a state decodes to the same bytes twice', () => {
    const s = resolveScenario(BUSY);
    const a = straight(s, 2, 9);
    const plain = createModel(s, { seed: 2 });
    runLoop(plain, { ticks: plain.ticks });
    expect(outputs(a.model, 2)).toEqual(outputs(plain, 2));
    expect(a.saved.meta).toMatchObject({ tick: 9, year: 1.5, seed: 2, ticksPerYear: 6, eventsApplied: 3 });
    const again = straight(s, 2, 9).saved;
    expect(Buffer.from(again.body).equals(Buffer.from(a.saved.body))).toBe(true);
  });

  it("a saved state does not keep the observer's union-find labels (on a team of threads they depend on which thread joined what)", () => {
    const s = resolveScenario(BUSY);
    const model = createModel(s, { seed: 2 });
    runLoop(model, { ticks: 9 });
    const before = saveRun(model, s, 2, 9).body;
    // The same components under other labels, as another order of unions leaves them: every school under its component's last member.
    const P = model.state.policy!;
    const root = (x: number): number => (P.parent[x] === x ? x : root(P.parent[x]));
    const last = new Map<number, number>();
    for (let i = 0; i < P.parent.length; i++) last.set(root(i), i);
    const relabelled = Int32Array.from(P.parent, (_, i) => last.get(root(i))!);
    P.parent.set(relabelled);
    P.compMax.fill(0.5);
    expect(Buffer.from(saveRun(model, s, 2, 9).body).equals(Buffer.from(before))).toBe(true);
  });
});

describe('branching', () => {
  const base = resolveScenario({ ...CORE, years: 5 });
  const tick = 2 * base.ticksPerYear;

  it('a branch with peer review from year 3 equals the straight run up to the saved year and differs after', () => {
    const a = straight(base, 4, tick);
    const branch = resolveScenario({
      ...CORE,
      years: 5,
      name: 'with-peer-review',
      turnover: { leaderRate: 0.12 },
      timeline: [{ event: 'peerReview', year: 3, enabled: true, trainingQuality: 0.9 }],
    });
    const b = continued(a.saved, branch);
    const sa = a.model.observer.rec;
    const sb = b.observer.rec;
    const nk = sa.keys.length;
    expect(sb.keys).toEqual(sa.keys);
    expect(Array.from(sb.values.subarray(0, (tick + 1) * nk))).toEqual(Array.from(sa.values.subarray(0, (tick + 1) * nk)));
    const trust = sa.col('trust_mean');
    const after = (r: typeof sa) => Array.from({ length: a.model.ticks - tick }, (_, i) => r.get(tick + 1 + i, trust));
    expect(after(sb)).not.toEqual(after(sa));
    expect(b.scenario.turnover.leaderRate).toBe(0.12);
    expect(collectOutput(b, 4).summary.peer_review_honesty).toBeGreaterThan(0);
  });

  it('keeps the parameters events wrote before the saved year, whatever the branch sets as its base', () => {
    const s = resolveScenario(BUSY);
    const a = straight(s, 1, 12);
    const branch = resolveScenario({ ...BUSY, turnover: { leaderRate: 0.01 }, model: { trust: { buildRate: 0.5 } } });
    const run = loadSavedRun(a.saved.meta, a.saved.body);
    const w = branchScenario(run, branch, 12);
    expect(w.turnover.leaderRate).toBe(0.2); // the year-1 leaderRate event applied before the state was saved
    expect(w.model.trust.buildRate).toBe(0.5);
    // A change to the working copy that no event is known to write is refused, not lost.
    run.working.model.trust.buildRate = 0.99;
    expect(() => branchScenario(run, branch, 12)).toThrow(/model\.trust\.buildRate/);
  });

  it('names every key that must match, and the timeline and horizon rules', () => {
    const saved = resolveScenario(BUSY);
    const ok = (input: ScenarioInput, ticks = 24) => branchIssues(saved, resolveScenario(input), 12, ticks);
    expect(ok({ ...BUSY, name: 'b', years: 6, seed: 9, hubs: { ...BUSY.hubs, engagementMax: 0.9 }, turnover: { stressWeight: 0.3 } })).toEqual([]);
    expect(ok({ ...BUSY, locality: { preset: 'city' } }).map((i) => i.path)).toContain('locality.preset');
    expect(ok({ ...BUSY, competition: { ...BUSY.competition, radiusKm: 5 } }).map((i) => i.path)).toEqual(['competition.radiusKm']);
    expect(ok({ ...BUSY, model: { practice: { seedShare: 0.5 } } }).map((i) => i.path)).toEqual(['model.practice.seedShare']);
    expect(ok({ ...BUSY, ticksPerYear: 12 }).map((i) => i.path)).toContain('ticksPerYear');
    const later = [...BUSY.timeline!.slice(0, 4), { event: 'peerReview' as const, year: 2.5 }];
    expect(ok({ ...BUSY, timeline: later })).toEqual([]);
    // An event at the saved year itself applied before the state was saved.
    const issue = ok({ ...BUSY, timeline: BUSY.timeline!.slice(0, 3) });
    expect(issue.map((i) => i.path)).toEqual(['timeline']);
    expect(issue[0].message).toMatch(/event 4 up to then is none here and .*spannersLeave.* in the saved run/);
    expect(ok(BUSY, 11).map((i) => i.path)).toEqual(['years']);
    expect(appliedEvents(saved, 12).map((e) => e.event)).toEqual(['matConsolidation', 'leaderRate', 'replaceAlliancesByHubs', 'spannersLeave']);
  });
});

describe('what a branch may change', () => {
  /** A proxy that records every key path read through it. */
  function recording(o: unknown, path: string, reads: Set<string>): unknown {
    if (o === null || typeof o !== 'object') return o;
    return new Proxy(o, {
      get(t, k, r) {
        const v = Reflect.get(t, k, r) as unknown;
        if (typeof k !== 'string') return v;
        const p = path ? (Array.isArray(t) ? `${path}[${k}]` : `${path}.${k}`) : k;
        reads.add(p);
        return recording(v, p, reads);
      },
    });
  }
  const leaves = (v: unknown, p: string, out: Set<string>) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) leaves(x, p ? `${p}.${k}` : k, out);
    else out.add(p);
    return out;
  };

  it('every key a branch may change is read while the model runs (or by the per-tick conversion a continued run redoes)', () => {
    const reads = new Set<string>();
    const all = new Set<string>();
    for (const input of [
      {
        years: 2,
        locality: { preset: 'city' },
        hubs: { alliances: 750 },
        model: { practice: { works: false } },
        timeline: [
          { event: 'matConsolidation', year: 0.5, rate: 0.3, until: 1 },
          { event: 'competition', year: 0.5, choiceIntensity: 0.8, fallingRolls: 0.03, selectiveExpansion: 0.05 },
        ],
      },
      { years: 2, locality: { preset: 'shire' } },
      { years: 2, schools: { count: 12 }, partnerships: { size: 6, peerReview: { enabled: true } } },
    ] satisfies ScenarioInput[]) {
      const s = resolveScenario(input);
      leaves(s, '', all);
      const m = createModel(s);
      const watched = recording(m.scenario, '', reads) as Scenario;
      Object.assign(m.ctx, { scenario: watched });
      Object.assign(m.observer as unknown as { scenario: Scenario }, { scenario: watched });
      perTickRates(watched);
      runLoop(m, { ticks: m.ticks });
    }
    const words = ['$schema', 'name', 'question', 'description', 'answer', 'seed', 'years'];
    const free = [...all].filter((p) => branchMayChange(p) && !words.some((w) => p === w || p.startsWith(`${w}.`)));
    expect(free.length).toBeGreaterThan(90);
    expect(free.filter((p) => !reads.has(p))).toEqual([]);
  });

  it('each timeline event changes the working copy of the parameters only where EVENT_SCENARIO_WRITES says', () => {
    const samples: TimelineEvent[] = [
      { event: 'leaderLeaves', year: 0.1, school: 0 },
      { event: 'turnoverShock', year: 0.1, share: 0.5 },
      { event: 'inspectionDowngrade', year: 0.1, school: 1, drop: 0.2 },
      { event: 'hiddenAgenda', year: 0.1, school: 2 },
      { event: 'practices', year: 0.1, codeOfConduct: true, partnershipLead: true, informalTime: true, writtenRoles: true },
      { event: 'peerReview', year: 0.1, enabled: true, trainingQuality: 0.9 },
      { event: 'leaderRate', year: 0.1, rate: 0.3 },
      { event: 'matConsolidation', year: 0.1, rate: 0.5, until: 1, openness: 'closed', nonLocal: 0.5, standardisation: 0.9 },
      { event: 'matOpenness', year: 0.1, open: false },
      { event: 'replaceAlliancesByHubs', year: 0.1 },
      { event: 'loseDesignation', year: 0.1, provider: 'mathsHub', succession: false },
      { event: 'spannersLeave', year: 0.1, share: 1 },
      { event: 'spannersJoin', year: 0.1, count: 3, role: 'governor' },
      { event: 'competition', year: 0.1, choiceIntensity: 0.9, fallingRolls: 0.05, selectiveExpansion: 0.1 },
    ] as TimelineEvent[];
    const kinds = TimelineEventSchema.options.map((o) => o.shape.event.value as string);
    expect(samples.map((e) => e.event).sort()).toEqual([...kinds].sort());
    for (const ev of samples) {
      const s = resolveScenario({ years: 1, locality: { preset: 'town' }, hubs: { alliances: 2 }, timeline: [ev] });
      const m = createModel(s);
      runLoop(m, { ticks: 1 });
      expect(differingPaths(s, m.scenario), ev.event).toEqual([...(EVENT_SCENARIO_WRITES[ev.event] ?? [])]);
    }
  });
});

describe('the state codec', () => {
  it('round-trips numbers exactly, typed arrays by their bytes, and shared arrays as shared', () => {
    const shared = new Float32Array([0.1, NaN, -0]);
    const tree = {
      n: [NaN, -0, Infinity, -Infinity, 5e-324, 0.1 + 0.2],
      s: ['', 'Ashby Primary', 'Ünïcode ✓'],
      flags: [true, false, null, undefined],
      a: shared,
      b: shared,
      i: new Int32Array([-1, 2 ** 31 - 1]),
      u: new Uint16Array([65535]),
      nested: { empty: {}, list: [[1], []] },
    };
    const back = decodeTree(encodeTree(tree)) as typeof tree;
    expect(back.n.map((x) => Object.is(x, -0) || x)).toEqual(tree.n.map((x) => Object.is(x, -0) || x));
    expect(back.s).toEqual(tree.s);
    expect(back.flags).toEqual(tree.flags);
    expect(Buffer.from(back.a.buffer).equals(Buffer.from(shared.buffer))).toBe(true);
    expect(back.b).toBe(back.a);
    expect(back.i).toBeInstanceOf(Int32Array);
    expect(Array.from(back.i)).toEqual([-1, 2 ** 31 - 1]);
    expect(back.nested).toEqual(tree.nested);
  });

  it('refuses what would not survive the round trip, naming where it is', () => {
    expect(() => encodeTree({ a: { m: new Map() } } as never)).toThrow(/a\.m: a Map instance/);
    expect(() => encodeTree({ f: [() => 1] } as never)).toThrow(/f\[0\]: a function/);
    expect(() => encodeTree({ v: new Float64Array(8).subarray(2) })).toThrow(StateCodecError);
    const bytes = encodeTree({ x: 1 });
    expect(() => decodeTree(bytes.subarray(0, bytes.length - 2))).toThrow(/ends early/);
  });
});
