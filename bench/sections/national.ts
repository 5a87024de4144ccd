/**
 * National scale: a synthetic England (about 20,000 schools, 500,000 directed
 * relationships in partnerships, multi-academy trusts and hub work groups),
 * ten years at half-termly and at weekly ticks.
 */
import { linearRegression, median } from 'simple-statistics';
import { NATIONAL_CASES, NATIONAL_SMALLER } from '../lib/cases.ts';
import type { CaseResult } from '../lib/measure.ts';
import { fmt, heading, table } from '../lib/format.ts';
import { caseTable, measureInChild, measureTogetherInChildren } from '../lib/workloads.ts';

/** One fresh process's memory growth, for the marginal memory. */
export interface MemoryPoint {
  schools: number;
  relationships: number;
  /** Peak RSS - RSS before the build (bytes). */
  growth: number;
}

export interface MarginalMemory {
  /**
   * Bytes of peak memory per added relationship: the least-squares slope of
   * each fresh process's growth (peak RSS - its own RSS before the build)
   * against its relationships, over processes at three sizes (the full
   * synthetic England's one-thread timing processes, and as many at half and
   * three quarters of the schools, one replication each). Each process's own
   * starting RSS is taken off: it varies by 10-15 MB from one fresh process
   * to the next. What is left of the noise is mostly when V8 happens to
   * collect the set-up's short-lived objects (the peak JS heap of a full-size
   * process ranged from 22 to 38 MiB, with the same network); the fit over
   * three sizes, with its standard error, says how far that moves the
   * figure. (Until 2026-12-07, the difference of the medians at the full and
   * half sizes, three processes each: it read 58.9 to 69.3 B in four runs
   * of one session.)
   */
  bytesPerRelationship: number;
  /** Standard error of the slope, from the fit's residuals (bytes per relationship). */
  standardError: number;
  /** Growth not proportional to the relationships (bytes): the fit's intercept. */
  fixedBytes: number;
  points: MemoryPoint[];
}

/** Least-squares slope, its standard error and the intercept of y against x. */
export function slopeFit(points: MemoryPoint[]): { slope: number; se: number; intercept: number } {
  const xy = points.map((p) => [p.relationships, p.growth]);
  const { m, b } = linearRegression(xy);
  const mx = xy.reduce((a, [x]) => a + x, 0) / xy.length;
  const sxx = xy.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  const sse = xy.reduce((a, [x, y]) => a + (y - (m * x + b)) ** 2, 0);
  return { slope: m, se: xy.length > 2 && sxx > 0 ? Math.sqrt(sse / (xy.length - 2) / sxx) : NaN, intercept: b };
}

/**
 * The machine's own limit on two threads: the one-thread replication in a
 * process alone, and in two processes at once (no threads, nothing shared),
 * round by round next to the thread measurements. On a machine whose two
 * cores are independent the two at once take as long as one alone; where
 * they share a physical core, caches or memory bandwidth each is slower, and
 * no split of one run over two threads can gain more than 2 / slowdown.
 */
export interface ThreadCeiling {
  /** Per round: best warm replication ms alone, and of each of the two processes at once. */
  rounds: { alone: number; together: number[] }[];
  /** Median over rounds of (mean of the two at once) / alone. */
  slowdown: number;
  /** 2 / slowdown. */
  ceiling: number;
}

/** The main thread's time alone in a threaded replication, its setup included (what Amdahl's bound takes as serial). */
export function serialMs(threaded: CaseResult): number {
  return threaded.mainAloneMs + threaded.setupMs;
}

/**
 * Amdahl's bound from a two-thread run: with `aloneMs` of a replication on
 * the main thread alone (serialMs) and the one-thread replication taking
 * `oneMs`, p threads can make it at most oneMs / (alone + rest / p) faster.
 */
export function amdahlBound(oneMs: number, aloneMs: number, p: number): number {
  const serial = Math.min(oneMs, aloneMs);
  return oneMs / (serial + (oneMs - serial) / p);
}

export async function nationalSection(opts: { quick: boolean }): Promise<{ cases: CaseResult[]; marginal?: MarginalMemory; ceiling?: ThreadCeiling }> {
  heading('National scale: synthetic England, 10 years');
  const out: CaseResult[] = [];
  // One thread and two, the built program and the series recorded once a year are measured in alternate
  // processes, round by round, and each keeps its best: this machine's speed drifts from minute to minute,
  // and what the bench reports of them is their ratios to one thread.
  const paired = new Set(['national', 'national-2threads', 'national-built', 'national-yearly']);
  const best = new Map<string, CaseResult>();
  // Every one-thread national process's memory growth, for the marginal memory below.
  const memory: MemoryPoint[] = [];
  const rounds = opts.quick ? 1 : 3;
  const reps = opts.quick ? { minReps: 1, maxReps: 1, minMs: 0 } : { minReps: 2, maxReps: 2, minMs: 0 };
  const ceilingRounds: ThreadCeiling['rounds'] = [];
  for (let r = 0; r < rounds; r++) {
    let alone = NaN;
    for (const c of NATIONAL_CASES.filter((k) => paired.has(k.name))) {
      const res = measureInChild(c, reps);
      if (c.name === 'national') {
        memory.push({ schools: c.schools, relationships: res.relationships, growth: res.rssPeakBytes - res.rssBaselineBytes });
        alone = res.bestReplicationMs;
      }
      const kept = best.get(c.name);
      if (!kept || res.bestReplicationMs < kept.bestReplicationMs) best.set(c.name, res);
    }
    const one = NATIONAL_CASES.find((k) => k.name === 'national');
    if (one) ceilingRounds.push({ alone, together: (await measureTogetherInChildren(one, 2, reps)).map((x) => x.bestReplicationMs) });
  }
  const slowdown = median(ceilingRounds.map((x) => x.together.reduce((a, b) => a + b, 0) / x.together.length / x.alone));
  const ceiling: ThreadCeiling | undefined = ceilingRounds.length ? { rounds: ceilingRounds, slowdown, ceiling: 2 / slowdown } : undefined;
  for (const c of NATIONAL_CASES) {
    const kept = best.get(c.name);
    if (kept) {
      out.push(kept);
      continue;
    }
    const heavy = c.ticksPerYear > 6 || c.name === 'national-policy';
    const reps = opts.quick ? { minReps: 1, maxReps: 1, minMs: 0 } : { minReps: heavy ? 2 : 3, maxReps: heavy ? 2 : 3, minMs: 0 };
    out.push(measureInChild(c, reps));
  }
  for (const r of out) {
    const n = r.network;
    if (n && r.case !== 'national-weekly')
      console.log(
        `${r.label}: ${fmt.int(n.schools)} schools, ${fmt.int(n.leaders)} leaders, ${fmt.int(n.relationships)} relationships, ${fmt.int(n.groups)} groups (${n.partnerships} partnerships, ${n.mats} MAT groups, ${n.hubs} hub groups); ${n.source}`,
      );
  }
  console.log(caseTable(out));
  console.log(
    table(
      ['workload', 'one replication (cold)', 'one replication (warm)', 'peak RSS', 'RSS before build', 'B/rel (state)', 'B/rel (RSS growth)'],
      out.map((r) => [
        r.label,
        fmt.s(r.coldReplicationMs),
        fmt.s(r.bestReplicationMs),
        fmt.mib(r.rssPeakBytes),
        fmt.mib(r.rssBaselineBytes),
        r.stateBytesPerRelationship.toFixed(1),
        r.rssBytesPerRelationship.toFixed(1),
      ]),
    ),
  );
  console.log('one replication = setup + 10 years of ticks in one process on one core; cold includes JIT warm-up.');
  reportThreads(best.get('national'), best.get('national-2threads'), ceiling);
  console.log(budgetTable(out));
  // Marginal memory: the same network at smaller sizes, in processes of their own, as many at each size as the full size had.
  for (let r = 0; r < rounds; r++)
    for (const c of NATIONAL_SMALLER) {
      const res = measureInChild(c, { minReps: 1, maxReps: 1, minMs: 0 });
      memory.push({ schools: c.schools, relationships: res.relationships, growth: res.rssPeakBytes - res.rssBaselineBytes });
    }
  const fit = slopeFit(memory);
  const marginal: MarginalMemory = { bytesPerRelationship: fit.slope, standardError: fit.se, fixedBytes: fit.intercept, points: memory };
  console.log(
    `marginal memory: ${marginal.bytesPerRelationship.toFixed(1)} B per added relationship (standard error ${marginal.standardError.toFixed(1)} B; ` +
      `${fmt.mib(marginal.fixedBytes)} that does not grow with the network): the least-squares slope of each fresh process's growth of peak RSS ` +
      `over its own starting RSS against its relationships, ${memory.length} processes: ${sizesOf(memory)}. ` +
      'What grows with the network, per-school state included; the B/rel (RSS growth) column also counts what does not.',
  );
  return { cases: out, marginal, ceiling };
}

/** The processes' growth by size, for the log line. */
function sizesOf(points: MemoryPoint[]): string {
  const sizes = [...new Set(points.map((p) => p.relationships))].sort((a, b) => a - b);
  return sizes
    .map(
      (n) =>
        `${fmt.int(n)} relationships ${points
          .filter((p) => p.relationships === n)
          .map((p) => fmt.mib(p.growth))
          .join(', ')}`,
    )
    .join('; ');
}

/** What bounds the two-thread speed-up: this machine (two processes at once) and the serial part (Amdahl). */
function reportThreads(one: CaseResult | undefined, two: CaseResult | undefined, ceiling: ThreadCeiling | undefined): void {
  if (!one || !two) return;
  const serial = serialMs(two);
  const lines = [
    `two threads: ${fmt.ratio(one.bestReplicationMs / two.bestReplicationMs)} (${fmt.s(one.bestReplicationMs)} -> ${fmt.s(two.bestReplicationMs)}).`,
    `  main thread alone in the two-thread replication: ${fmt.s(serial)} (setup ${fmt.s(two.setupMs)}, ticks ${fmt.s(two.mainAloneMs)}), ` +
      `${fmt.pct(serial / one.bestReplicationMs)} of the one-thread replication; Amdahl's bound with the rest shared perfectly: ` +
      `${fmt.ratio(amdahlBound(one.bestReplicationMs, serial, 2))} on 2 threads, ${fmt.ratio(amdahlBound(one.bestReplicationMs, serial, 16))} on 16.`,
  ];
  if (ceiling)
    lines.push(
      `  this machine: two one-thread processes at once each take ${fmt.ratio(ceiling.slowdown)} as long as one alone ` +
        `(rounds: ${ceiling.rounds.map((x) => `${fmt.s(x.alone)} alone, ${x.together.map(fmt.s).join(' and ')} together`).join('; ')}), ` +
        `so no split of a run over two threads can gain more than ${fmt.ratio(ceiling.ceiling)} here.`,
    );
  console.log(lines.join('\n'));
}

/**
 * Where a replication goes, step by step (CaseResult.budget), for the
 * workloads that keep a budget, with each step's speed-up on two threads.
 * "other" is the rest of the replication: the tick's start and events, and
 * the bench's own memory sampling.
 */
export function budgetTable(cases: CaseResult[]): string {
  const timed = cases.filter((r) => Object.keys(r.budget).length > 0);
  if (timed.length === 0) return '';
  const one = timed.find((r) => r.case === 'national');
  const two = timed.find((r) => r.case === 'national-2threads');
  const steps = [...new Set(timed.flatMap((r) => Object.keys(r.budget)))];
  const other = (r: CaseResult) => r.bestReplicationMs - Object.values(r.budget).reduce((a, b) => a + b, 0);
  const at = (r: CaseResult, step: string) => (step === 'replication' ? r.bestReplicationMs : step === 'other' ? other(r) : (r.budget[step] ?? NaN));
  const rows = [...steps, 'other', 'replication'].map((step) => [
    step,
    ...timed.map((r) => fmt.s(at(r, step))),
    ...(one && two ? [fmt.ratio(at(one, step) / at(two, step))] : []),
  ]);
  const headers = ['step (schedule.ts)', ...timed.map((r) => r.label), ...(one && two ? ['speed-up on 2 threads'] : [])];
  return (
    "Where the best warm replication goes, step by step (the model's clock: seconds per replication; on two threads the main thread's wall time in each step):\n" +
    table(headers, rows)
  );
}
