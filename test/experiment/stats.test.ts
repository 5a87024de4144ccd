/** Student t quantiles and the per-point summaries of aggregated.csv. */
import { describe, expect, it } from 'vitest';
import { tQuantile, summarise } from '../../src/experiment/stats.ts';

describe('statistics', () => {
  it('computes Student t quantiles', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.7764, 4);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.0423, 4);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.96, 2);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.2281, 4);
  });

  it('summarises with a t interval', () => {
    const s = summarise([1, 2, 3, 4, 5]);
    expect(s.n).toBe(5);
    expect(s.mean).toBe(3);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    const half = (2.7764451 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(s.ciLow).toBeCloseTo(3 - half, 5);
    expect(s.ciHigh).toBeCloseTo(3 + half, 5);
    expect(summarise([2]).sd).toBeNaN();
    expect(summarise([NaN, 1, 3]).n).toBe(2);
  });
});
