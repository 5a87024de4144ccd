/**
 * The policy layer: locality presets, custom and national generation,
 * governance, hubs, spanners, timeline events, metrics and invariants.
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../src/api.ts';
import { createModel, simulate } from '../src/simulate.ts';
import { runLoop } from '../src/engine/loop.ts';
import { InputError, parseText } from '../src/scenario/load.ts';
import { ScenarioSchema, type ScenarioInput } from '../src/scenario/schema.ts';
import { GROUP_KINDS, type ModelState } from '../src/model/state.ts';
import { NK, sizeClass } from '../src/model/policy/state.ts';
import { serpentineChunks } from '../src/model/policy/structure.ts';
import { LOCALITY_PRESETS } from '../src/model/locality/presets.ts';
import { at } from './helpers/replicate.ts';

const build = (input: ScenarioInput, seed = 1) => createModel(resolveScenario(input), { seed });
const kindCount = (st: ModelState, kind: string) => {
  let c = 0;
  for (let g = 0; g < st.groups.n; g++) if (GROUP_KINDS[st.groups.kind[g]] === kind) c++;
  return c;
};
const shares = (st: ModelState) => {
  const S = st.schools;
  const P = st.policy!;
  const totals = P.mats.map((m) => m.external);
  for (let s = 0; s < S.n; s++) if (S.mat[s] >= 0) totals[S.mat[s]]++;
  const by = [0, 0, 0, 0];
  let sat = 0;
  for (let s = 0; s < S.n; s++) {
    if (S.governance[s] === 1) sat++;
    if (S.mat[s] >= 0) by[sizeClass(totals[S.mat[s]])]++;
  }
  return { sat: sat / S.n, small: by[1] / S.n, medium: by[2] / S.n, large: by[3] / S.n, academies: (sat + by[1] + by[2] + by[3]) / S.n };
};

describe('EQuaLLS locality presets (seed 003)', () => {
  for (const preset of ['city', 'town', 'shire'] as const) {
    it(`${preset}: 60-90 primary schools in the unit square, governance shares within 0.06 of the preset`, () => {
      const st = build({ locality: { preset } }).state;
      const S = st.schools;
      expect(S.n).toBeGreaterThanOrEqual(60);
      expect(S.n).toBeLessThanOrEqual(90);
      for (let s = 0; s < S.n; s++) {
        expect(S.x[s]).toBeGreaterThanOrEqual(0);
        expect(S.x[s]).toBeLessThanOrEqual(1);
      }
      const p = LOCALITY_PRESETS[preset].mats.shares;
      const got = shares(st);
      expect(Math.abs(got.academies - (p.singleAcademyTrust + p.small + p.medium + p.large))).toBeLessThan(0.06);
      expect(st.policy!.spanners.length).toBe(LOCALITY_PRESETS[preset].spanners.count);
    });
  }

  it('city: about half academies, both hubs led from inside the area, every school within 5 km of a hub', () => {
    const st = build({ locality: { preset: 'city' } }).state;
    const P = st.policy!;
    expect(Math.abs(shares(st).academies - 0.5)).toBeLessThan(0.06);
    const hubs = P.hubs.filter((h) => h.kind >= 0);
    expect(hubs.map((h) => h.kind).sort()).toEqual([0, 1]);
    for (const h of hubs) expect(h.lead).toBeGreaterThanOrEqual(0);
    for (let s = 0; s < st.schools.n; s++) expect(P.hubDistKm[s]).toBeLessThan(5);
  });

  it('town: about two thirds academies, over 40% in medium and large trusts, most medium and large trusts non-local, hubs remote, few heads in a network', () => {
    const st = build({ locality: { preset: 'town' } }).state;
    const got = shares(st);
    expect(Math.abs(got.academies - 2 / 3)).toBeLessThan(0.06);
    expect(got.medium + got.large).toBeGreaterThan(0.4);
    const P = st.policy!;
    for (const h of P.hubs) expect(h.lead).toBe(-1);
    for (let s = 0; s < st.schools.n; s++) expect(P.hubDistKm[s]).toBeGreaterThan(10);
    const heads = GROUP_KINDS.indexOf('heads-network');
    let inNetwork = 0;
    for (let g = 0; g < st.groups.n; g++) if (st.groups.kind[g] === heads) inNetwork += st.groups.memberStart[g + 1] - st.groups.memberStart[g];
    expect(inNetwork / st.schools.n).toBeLessThan(0.2);
  });

  it('shire: medium and large share under half of Town\'s, a heads\' network covering at least 90% with assimilating norms, spanners on a shared board, hubs over 15 km from every school', () => {
    const st = build({ locality: { preset: 'shire' } }).state;
    const town = shares(build({ locality: { preset: 'town' } }).state);
    const got = shares(st);
    expect(got.medium + got.large).toBeLessThan((town.medium + town.large) / 2);
    const G = st.groups;
    const heads = GROUP_KINDS.indexOf('heads-network');
    const members = new Set<number>();
    for (let g = 0; g < G.n; g++) {
      if (G.kind[g] !== heads || G.names[g].startsWith('BOARD')) continue;
      expect(G.codeOfConduct[g]).toBe(1);
      for (let k = G.memberStart[g]; k < G.memberStart[g + 1]; k++) members.add(G.members[k]);
    }
    expect(members.size / st.schools.n).toBeGreaterThan(0.85);
    expect(G.names.some((n) => n.startsWith('BOARD'))).toBe(true);
    const P = st.policy!;
    for (let s = 0; s < st.schools.n; s++) expect(P.hubDistKm[s]).toBeGreaterThan(15);
    expect(P.spanners.filter((x) => x.role === 'governor').length).toBeGreaterThanOrEqual(4);
  });

  it('heads\' clusters start with the place\'s prior social capital (Shire mean cluster trust near its prior 0.62)', () => {
    const st = build({ locality: { preset: 'shire' } }).state;
    const G = st.groups;
    const heads = GROUP_KINDS.indexOf('heads-network');
    let sum = 0, n = 0;
    for (let g = 0; g < G.n; g++) {
      if (G.kind[g] !== heads || G.names[g].startsWith('BOARD')) continue;
      for (let k = G.edgeStart[g]; k < G.edgeStart[g + 1]; k++) {
        sum += st.edges.trust[G.edges[k]];
        n++;
      }
    }
    expect(sum / n).toBeGreaterThan(0.5);
  });
});

describe('custom and national localities', () => {
  it('a custom locality follows its parameters', () => {
    const st = build({
      locality: { preset: 'custom', schools: 120, extentKm: 20, partnershipCoverage: 0.5 },
      mats: { shares: { medium: 0.3, large: 0.2 }, openShare: 0 },
      hubs: { mathsHubKm: 0 },
      spanners: { count: 4 },
    }).state;
    expect(st.schools.n).toBe(120);
    expect(st.policy!.kmPerUnit).toBe(20);
    const got = shares(st);
    expect(Math.abs(got.medium + got.large - 0.5)).toBeLessThan(0.06);
    for (const m of st.policy!.mats) expect(m.open).toBe(false);
    expect(st.policy!.hubs[0].lead).toBeGreaterThanOrEqual(0);
    expect(st.policy!.spanners.length).toBe(4);
  });

  it('England at scale 1: 20,000 schools in many localities, 40 Maths Hub and 87 Teaching School Hub areas, 28 Research Schools; every school has a designated hub of each kind', () => {
    const st = build({ locality: { preset: 'national' }, output: { groupSeries: false } }).state;
    const P = st.policy!;
    expect(st.schools.n).toBe(20000);
    expect(P.localities.length).toBeGreaterThan(200);
    expect(new Set(P.localities.map((l) => l.kind))).toEqual(new Set(['city', 'town', 'shire']));
    const count = (k: number) => P.hubs.filter((h) => h.kind === k).length;
    expect([count(0), count(1), count(2)]).toEqual([40, 87, 28]);
    for (let s = 0; s < st.schools.n; s += 97) for (let k = 0; k < NK; k++) expect(P.designated[s * NK + k]).toBeGreaterThanOrEqual(0);
    expect(new Set(Array.from({ length: st.schools.n }, (_, s) => P.designated[s * NK + 0])).size).toBe(40);
    expect(st.edges.n).toBeGreaterThan(150000);
  }, 60_000);

  it('the alliance era: hubs.alliances = 750 at scale 0.2 gives 150 alliances covering about a third of schools', () => {
    const st = build({ locality: { preset: 'national', scale: 0.2 }, hubs: { alliances: 750, teachingSchoolHubsActive: false }, output: { groupSeries: false } }).state;
    const P = st.policy!;
    expect(P.hubs.filter((h) => h.kind < 0).length).toBe(150);
    let inAlliance = 0;
    for (let s = 0; s < st.schools.n; s++) if (P.alliance[s] >= 0) inAlliance++;
    expect(Math.abs(inAlliance / st.schools.n - 0.33)).toBeLessThan(0.05);
    expect(P.hubs.filter((h) => h.kind === 1).every((h) => !h.active)).toBe(true);
  });

  it('serpentine chunks cover every school once in near-equal runs of about the given size (or at most it)', () => {
    const n = 50;
    const x = Float32Array.from({ length: n }, (_, i) => (i * 37) % 50 / 50);
    const y = Float32Array.from({ length: n }, (_, i) => (i * 11) % 50 / 50);
    const chunks = serpentineChunks(Array.from({ length: n }, (_, i) => i), x, y, 6);
    expect(chunks.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(chunks.length).toBe(8);
    for (const c of chunks) expect(c.length).toBeGreaterThanOrEqual(6);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(7);
    for (const c of serpentineChunks(Array.from({ length: n }, (_, i) => i), x, y, 12, true)) expect(c.length).toBeLessThanOrEqual(12);
  });
});

describe('scenarios without policy keys', () => {
  it('have no trusts, hubs or spanners, share knowledge, and report the policy metrics that apply', () => {
    const out = simulate(resolveScenario({ schools: { count: 24 }, years: 2 }), { seed: 4 });
    expect(out.summary.mat_share).toBe(0);
    expect(out.summary.cross_mat_tie_share).toBeNaN();
    expect(out.summary.hub_engagement).toBe(0);
    expect(out.summary.hub_engagement_0_5km).toBeNaN();
    expect(out.summary.spanners).toBe(0);
    expect(out.summary.stance_share).toBe(1);
    expect(out.summary.rivalry_mean).toBe(0);
    expect(out.summary.knowledge_components).toBeGreaterThanOrEqual(1);
    expect(out.summary.practice_adoption).toBeGreaterThan(0);
    expect(out.groups.map((g) => g.group)).toEqual(['P1', 'P2', 'P3', 'P4']);
  });
});

describe('timeline events', () => {
  it('matConsolidation: a share `rate` of schools joins each year until the target share is in strong trusts, then it stops', () => {
    const out = simulate(resolveScenario({ years: 5, locality: { preset: 'town' }, timeline: [{ event: 'matConsolidation', year: 1, rate: 0.2, until: 0.8 }] }), { seed: 2 });
    const mat = (t: number) => at(out, 'mat_share', t);
    const strong = (t: number) => at(out, 'strong_mat_share', t);
    expect(Math.abs(mat(6) - mat(5) - 0.2)).toBeLessThan(0.03); // the first yearly batch, at the event
    expect(strong(5)).toBeLessThan(0.5);
    expect(strong(30)).toBeGreaterThanOrEqual(0.8);
    const reached = Array.from({ length: 31 }, (_, t) => t).find((t) => strong(t) >= 0.8)!;
    for (let t = reached; t <= 30; t++) expect(strong(t)).toBe(strong(reached));
  });

  it('matOpenness: every trust closes; closed trusts then leave cross-trust groups and hubs', () => {
    const m = build({ years: 4, locality: { preset: 'city' }, timeline: [{ event: 'matOpenness', year: 1, open: false }] });
    runLoop(m, { ticks: m.ticks });
    expect(m.state.policy!.mats.every((t) => !t.open)).toBe(true);
    const out = simulate(m.scenario, { seed: 1 });
    expect(at(out, 'cross_mat_ties_per_school', 24)).toBeLessThan(at(out, 'cross_mat_ties_per_school', 6));
  });

  it('replaceAlliancesByHubs: alliances close and Teaching School Hubs open', () => {
    const input: ScenarioInput = { years: 3, locality: { preset: 'town' }, hubs: { teachingSchoolHubsActive: false, alliances: 3 }, timeline: [{ event: 'replaceAlliancesByHubs', year: 1 }] };
    const m = build(input);
    expect(kindCount(m.state, 'alliance')).toBe(3);
    runLoop(m, { ticks: m.ticks });
    expect(kindCount(m.state, 'alliance')).toBe(0);
    expect(m.state.policy!.hubs.filter((h) => h.kind === 1).every((h) => h.active)).toBe(true);
    expect(m.state.groups.names.some((n) => n.startsWith('TSH1-WG'))).toBe(true);
  });

  it('loseDesignation: the lead\'s work groups stop; a successor reopens the hub a year later', () => {
    const input = (succession: boolean): ScenarioInput => ({
      years: 3,
      locality: { preset: 'city' },
      timeline: [{ event: 'loseDesignation', year: 1, provider: 'mathsHub', succession }],
    });
    const m = build(input(true));
    const lead0 = m.state.policy!.hubs[0].lead;
    runLoop(m, { ticks: 7 });
    expect(m.state.policy!.hubs[0].active).toBe(false);
    expect(m.state.groups.names.some((n) => n.startsWith('MathsHub1-WG'))).toBe(false);
    runLoop({ step: (t) => m.step(t + 7), observe: () => {} }, { ticks: 12 });
    expect(m.state.policy!.hubs[0].active).toBe(true);
    expect(m.state.policy!.hubs[0].lead).not.toBe(lead0);
    const n = build(input(false));
    runLoop(n, { ticks: n.ticks });
    expect(n.state.policy!.hubs[0].closed).toBe(true);
    expect(n.state.groups.names.some((x) => x.startsWith('MathsHub1-WG'))).toBe(false);
  });

  it('loseDesignation names a missing provider clearly', () => {
    const m = build({ years: 2, locality: { preset: 'town' }, timeline: [{ event: 'loseDesignation', year: 1, provider: 'researchSchool' }] });
    expect(() => runLoop(m, { ticks: m.ticks })).toThrow(/no researchSchool/);
  });

  it('spannersLeave and spannersJoin change the number of boundary spanners', () => {
    const out = simulate(
      resolveScenario({
        years: 3,
        locality: { preset: 'shire' },
        timeline: [
          { event: 'spannersLeave', year: 1, share: 1 },
          { event: 'spannersJoin', year: 2, count: 3, role: 'governor' },
        ],
      }),
      { seed: 1 },
    );
    expect(at(out, 'spanners', 0)).toBe(8);
    expect(at(out, 'spanners', 7)).toBe(0);
    expect(at(out, 'spanners', 13)).toBe(3);
  });

  it('competition: rivalry starts with the event and falling rolls empty places', () => {
    const m = build({ years: 3, locality: { preset: 'city' }, competition: { choiceIntensity: 0 }, timeline: [{ event: 'competition', year: 1, choiceIntensity: 0.8, fallingRolls: 0.05 }] });
    const pupils0 = m.state.schools.pupils.reduce((a, b) => a + b, 0);
    runLoop(m, { ticks: m.ticks });
    const out = simulate(m.scenario, { seed: 1 });
    expect(at(out, 'rivalry_mean', 5)).toBe(0);
    expect(at(out, 'rivalry_mean', 7)).toBeGreaterThan(0.1);
    expect(m.state.schools.pupils.reduce((a, b) => a + b, 0)).toBeLessThan(0.95 * pupils0);
  });
});

describe('determinism and invariants', () => {
  const busy: ScenarioInput = {
    years: 4,
    locality: { preset: 'town' },
    hubs: { alliances: 2, teachingSchoolHubsActive: false, designationFloor: 0.5 },
    competition: { choiceIntensity: 0.9, fallingRolls: 0.03, selectiveExpansion: 0.1 },
    timeline: [
      { event: 'matConsolidation', year: 0.5, rate: 0.3, until: 1, openness: 'closed' },
      { event: 'replaceAlliancesByHubs', year: 1.5 },
      { event: 'spannersLeave', year: 2, share: 0.5 },
      { event: 'loseDesignation', year: 2.5, provider: 'teachingSchoolHub' },
      { event: 'turnoverShock', year: 3, share: 0.3 },
    ],
  };

  it('the same seed gives the same run; another seed a different one', () => {
    const s = resolveScenario(busy);
    const a = simulate(s, { seed: 9 });
    const b = simulate(s, { seed: 9 });
    const c = simulate(s, { seed: 10 });
    expect(Array.from(a.series.values)).toEqual(Array.from(b.series.values));
    expect(a.schools).toEqual(b.schools);
    expect(Array.from(a.series.values)).not.toEqual(Array.from(c.series.values));
  });

  it('every perception and trust stays in [0, 1] with no NaN, and every relationship joins co-members of a group', () => {
    const m = build(busy, 3);
    const check = () => {
      const E = m.state.edges;
      for (const arr of [E.respect, E.regard, E.competence, E.integrity, E.trust])
        for (let e = 0; e < E.n; e++) {
          expect(arr[e] >= 0 && arr[e] <= 1).toBe(true);
        }
    };
    runLoop({ step: (t) => m.step(t), observe: (t) => t % 6 === 0 && check() }, { ticks: m.ticks });
    const G = m.state.groups;
    const pairs = new Set<string>();
    for (let g = 0; g < G.n; g++)
      for (let p = G.memberStart[g]; p < G.memberStart[g + 1]; p++)
        for (let q = G.memberStart[g]; q < G.memberStart[g + 1]; q++) if (p !== q) pairs.add(`${G.members[p]}>${G.members[q]}`);
    const E = m.state.edges;
    for (let e = 0; e < E.n; e++) expect(pairs.has(`${E.src[e]}>${E.dst[e]}`)).toBe(true);
  });

  it('per-group series stay attached to their group when the policy layer rebuilds groups mid-run', () => {
    const out = simulate(resolveScenario({ years: 3, locality: { preset: 'custom', schools: 30, partnershipCoverage: 1 }, hubs: { mathsHubKm: 0 }, output: { maxGroupSeries: 100 } }), { seed: 5 });
    const last = out.series.rows - 1;
    for (const g of out.groups) {
      const level = `group:${g.group}`;
      if (!out.series.keys.some((k) => k.level === level)) continue;
      expect(at(out, 'lencioni_trust', last, level)).toBeCloseTo(g.lencioni_trust as number, 5);
    }
  });
});

describe('scenario errors in the policy keys', () => {
  const errorOf = (text: string) => {
    try {
      parseText(ScenarioSchema, text, 'policy.yaml');
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };

  it('an unknown event kind lists the kinds and suggests the nearest', () => {
    const e = errorOf('timeline:\n  - { event: matConsolidaton, year: 1, rate: 0.1 }\n');
    expect(e.issues[0]).toMatchObject({ line: 2, path: 'timeline[0].event' });
    expect(e.message).toMatch(/matConsolidation/);
  });

  it('a rate out of range names the file position, the key and the bound', () => {
    const e = errorOf('timeline:\n  - event: matConsolidation\n    year: 1\n    rate: 2\n');
    expect(e.issues[0]).toMatchObject({ line: 4, path: 'timeline[0].rate', expected: 'number <= 1', found: '2' });
  });

  it('a misspelt locality key gets a did-you-mean hint', () => {
    const e = errorOf('locality:\n  presett: city\n');
    expect(e.issues[0].path).toBe('locality.presett');
    expect(e.issues[0].hint).toMatch(/preset/);
  });

  it('an unknown preset lists the presets', () => {
    const e = errorOf('locality:\n  preset: village\n');
    expect(e.message).toMatch(/city/);
    expect(e.message).toMatch(/shire/);
  });
});
