/**
 * The bench: the what-if copy, and the link that carries the setup.
 * (The browser itself is tested in test/browser/workshop.e2e.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { Bench, variantSetup } from '../../src/workshop/app/bench.ts';
import { decodeHash, setupFromHash } from '../../src/workshop/app/hash.ts';
import { Session } from '../../src/workshop/app/session.ts';
import { defaultSetup } from '../../src/workshop/app/setup.ts';
import { TEAM, run } from './helpers.ts';

describe('workshop bench and links', () => {
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

  it("what-if over several seeds: the band is each seed's B minus A, the first seed being the pair on screen", () => {
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 8 }, { key: 'candour', value: 0.2 });
    const band = bench.seedBand(['trust_mean', 'lencioni_results'], 6)!;
    const horizon = bench.a.scenario.years * bench.a.scenario.ticksPerYear;
    expect(band.years.length).toBe(horizon + 1);
    expect(band.p50[0][0]).toBe(0); // same start in every seed
    for (let k = 0; k < 2; k++)
      for (let t = 0; t < band.years.length; t++) {
        expect(band.p10[k][t]).toBeLessThanOrEqual(band.p50[k][t]);
        expect(band.p50[k][t]).toBeLessThanOrEqual(band.p90[k][t]);
      }
    // Seeds differ: somewhere the spread is not zero; and the band is the same on a second call.
    expect(band.p90[0].some((x, t) => x > band.p10[0][t])).toBe(true);
    expect(bench.seedBand(['trust_mean', 'lencioni_results'], 6)).toEqual(band);
    // Seed 8 alone is the pair on screen: the band of one seed is its difference.
    const one = bench.seedBand(['trust_mean'], 1)!;
    const a = new Session('A', TEAM, { ...defaultSetup(TEAM), seed: 8 });
    const b = new Session('B', TEAM, variantSetup({ ...defaultSetup(TEAM), seed: 8 }, { key: 'candour', value: 0.2 }));
    run(a, horizon);
    run(b, horizon);
    const k = a.series().keys.findIndex((x) => x.metric === 'trust_mean' && x.level === 'all');
    const nk = a.series().keys.length;
    expect(one.p50[0][horizon]).toBeCloseTo(b.series().values[horizon * nk + k] - a.series().values[horizon * nk + k], 12);
    expect(new Bench(new Map([[TEAM.id, TEAM]])).seedBand(['trust_mean'], 2)).toBeNull();
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
});
