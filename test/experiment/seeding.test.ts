/** Run seeds: a function of master seed, point identity and replication only. */
import { describe, expect, it } from 'vitest';
import { deriveSeed, pointIdentity } from '../../src/experiment/seeding.ts';

describe('seeding', () => {
  it('depends on master seed, point identity and replication only', () => {
    const id = pointIdentity(['b', 'a'], [0.5, 'x']);
    expect(id).toBe(pointIdentity(['a', 'b'], ['x', 0.5]));
    const s = deriveSeed(1, id, 0);
    expect(s).toBe(deriveSeed(1, id, 0));
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    expect(deriveSeed(1, id, 1)).not.toBe(s);
    expect(deriveSeed(2, id, 0)).not.toBe(s);
    expect(pointIdentity(['a'], [1], 'A/0')).not.toBe(pointIdentity(['a'], [1], 'B/0'));
  });
});
