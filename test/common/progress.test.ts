/** The progress line's rate and ETA (src/common/progress.ts), with an injected clock. */
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/common/progress.ts';

const quiet = { write: () => true, isTTY: false };

describe('progress ETA', () => {
  it('is within 50% of the truth after 3 of 20 equal runs, although start-up took three runs long', () => {
    let t = 0;
    const p = createProgress({ total: 20, label: 'runs', stream: quiet, now: () => t });
    // Start-up (loading code, starting workers): 3 s, then one run a second.
    t = 3000;
    for (let i = 1; i <= 3; i++) {
      t += 1000;
      p.update(i);
    }
    const truth = 17; // 17 runs left at 1 s each
    const s = p.state();
    expect(s.etaSeconds).toBeGreaterThan(0.5 * truth);
    expect(s.etaSeconds).toBeLessThan(1.5 * truth);
    expect(s.rate).toBeCloseTo(1, 6);
    // Counting start-up as the old rate did (3 runs in 6 s) would say 34 s.
    expect(Math.abs(s.etaSeconds - truth)).toBeLessThan(Math.abs((17 * 6) / 3 - truth));
  });

  it('shows no ETA until a few runs have finished', () => {
    let t = 0;
    const lines: string[] = [];
    const p = createProgress({ total: 10, label: 'runs', stream: { write: (x: string) => lines.push(x), isTTY: false }, now: () => t, intervalMs: 0 });
    t = 5000;
    p.update(1);
    expect(Number.isNaN(p.state().etaSeconds)).toBe(true);
    t = 6000;
    p.update(2);
    expect(Number.isNaN(p.state().etaSeconds)).toBe(true);
    expect(lines.at(-1)).toMatch(/ETA --:--/);
  });

  it('does not read a batch of parallel runs finishing together as the rate', () => {
    let t = 0;
    const p = createProgress({ total: 40, label: 'runs', stream: quiet, now: () => t });
    // 4 workers, 1 s per run, 2 s of start-up: runs finish in fours a second apart.
    t = 3000;
    for (let i = 1; i <= 4; i++) {
      t += 1;
      p.update(i);
    }
    expect(Number.isNaN(p.state().etaSeconds)).toBe(true);
    t = 4000;
    for (let i = 5; i <= 8; i++) {
      t += 1;
      p.update(i);
    }
    t = 5000;
    for (let i = 9; i <= 12; i++) {
      t += 1;
      p.update(i);
    }
    const eta = p.state().etaSeconds;
    // 28 runs left at 4 a second: 7 s.
    expect(eta).toBeGreaterThan(0.5 * 7);
    expect(eta).toBeLessThan(1.5 * 7);
  });

  it('follows a change of pace', () => {
    let t = 0;
    const p = createProgress({ total: 1000, label: 'runs', stream: quiet, now: () => t });
    for (let i = 1; i <= 200; i++) {
      t += 100;
      p.update(i);
    }
    for (let i = 201; i <= 400; i++) {
      t += 1000;
      p.update(i);
    }
    // Now one run a second: 600 left.
    expect(p.state().etaSeconds).toBeGreaterThan(0.9 * 600);
    expect(p.state().rate).toBeCloseTo(1, 1);
  });

  it('leaves runs finished before a resume out of the rate', () => {
    let t = 0;
    const p = createProgress({ total: 100, label: 'runs', stream: quiet, now: () => t, initial: 50 });
    for (let i = 51; i <= 60; i++) {
      t += 2000;
      p.update(i);
    }
    expect(p.state().rate).toBeCloseTo(0.5, 6);
    expect(p.state().etaSeconds).toBeCloseTo(80, 6);
  });
});
