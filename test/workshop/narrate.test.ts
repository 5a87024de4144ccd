/**
 * The event log: events and meetings in plain language, and who did what to whom from the model's trace.
 * (The browser itself is tested in test/browser/workshop.e2e.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { Bench } from '../../src/workshop/app/bench.ts';
import { whenLabel } from '../../src/workshop/app/narrate-text.ts';
import { Session } from '../../src/workshop/app/session.ts';
import { TRACE, unpackTrace } from '../../src/workshop/app/trace.ts';
import { defaultSetup } from '../../src/workshop/app/setup.ts';
import { TEAM, run } from './helpers.ts';

describe('workshop event log', () => {
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
      if (s.atEnd) s.extend(); // past the scenario's horizon, as Continue does
      s.step();
      const snap = s.snapshot();
      // The snapshot carries this tick's trace, in full in a team.
      expect(snap.trace.tick).toBe(t);
      expect(unpackTrace(snap.trace).map(({ kind, actor, target, ok }) => ({ kind, actor, target, ok }))).toEqual(raw);
      const names = snap.names;
      // The highlights tell one story a half-term: the tick's most telling, when it has any.
      const tickStories = snap.log.filter((l) => l.act);
      expect(tickStories.filter((l) => l.highlight).length).toBe(tickStories.length ? 1 : 0);
      if (tickStories.length) expect(tickStories[0].highlight).toBe(true);
      const has = (kind: number, actor: number, target: number, ok: boolean) =>
        raw.some((r) => r.kind === kind && r.actor === actor && r.target === target && r.ok === ok);
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
        if (kind === TRACE.challenge)
          expect(l.text.startsWith(`${a} challenged ${b[0]}`) && l.text.includes(`${b[0]} took it ${ok ? 'well' : 'as an attack'}`), l.text).toBe(true);
        if (kind === TRACE.vulnerability)
          expect(
            l.text.startsWith(`${a} admitted a weakness`) && l.text.includes(`to ${b[0]}, who ${ok ? 'responded with support' : 'offered no support'}`),
            l.text,
          ).toBe(true);
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
});
