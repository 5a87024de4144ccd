/**
 * National scale: a synthetic England (about 20,000 schools, 500,000 directed
 * relationships in partnerships, multi-academy trusts and hub work groups),
 * ten years at half-termly and at weekly ticks.
 */
import { median } from 'simple-statistics';
import { NATIONAL_CASES, NATIONAL_HALF } from '../lib/cases.ts';
import type { CaseResult } from '../lib/measure.ts';
import { fmt, heading, table } from '../lib/format.ts';
import { caseTable, measureInChild, measureTogetherInChildren } from '../lib/workloads.ts';

export interface MarginalMemory {
  /** Half-size synthetic network: relationships and peak RSS (its own process, one replication). */
  halfRelationships: number;
  halfPeakRss: number;
  fullRelationships: number;
  fullPeakRss: number;
  /**
   * (median over fresh processes of (peak RSS - RSS before the build) at full
   * size - the same at half size) / (relationships full - half). Each process's
   * own starting RSS is taken off: it varies by 10-15 MB from one fresh process
   * to the next, which alone would move the figure by about 50 B; the medians
   * (of three processes each, one in a quick run) take off most of what is left.
   */
  bytesPerRelationship: number;
  /** The growth of each process, full size and half size (bytes). */
  fullGrowth: number[];
  halfGrowth: number[];
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
  // One thread and two are measured in alternate processes, round by round, and each keeps its best:
  // this machine's speed drifts from minute to minute, and the speed-up is their ratio.
  const paired = new Set(['national', 'national-2threads']);
  const best = new Map<string, CaseResult>();
  // Every one-thread national process's memory growth, for the marginal memory below.
  const fullGrowth: number[] = [];
  const rounds = opts.quick ? 1 : 3;
  const reps = opts.quick ? { minReps: 1, maxReps: 1, minMs: 0 } : { minReps: 2, maxReps: 2, minMs: 0 };
  const ceilingRounds: ThreadCeiling['rounds'] = [];
  for (let r = 0; r < rounds; r++) {
    let alone = NaN;
    for (const c of NATIONAL_CASES.filter((k) => paired.has(k.name))) {
      const res = measureInChild(c, reps);
      if (c.name === 'national') {
        fullGrowth.push(res.rssPeakBytes - res.rssBaselineBytes);
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
  // Marginal memory: the same network at half the size, in processes of its own, as many as the full size had.
  const full = out.find((r) => r.case === 'national');
  const halves = Array.from({ length: rounds }, () => measureInChild(NATIONAL_HALF, { minReps: 1, maxReps: 1, minMs: 0 }));
  const half = halves[0];
  const halfGrowth = halves.map((h) => h.rssPeakBytes - h.rssBaselineBytes);
  if (full) {
    const m: MarginalMemory = {
      halfRelationships: half.relationships,
      halfPeakRss: half.rssPeakBytes,
      fullRelationships: full.relationships,
      fullPeakRss: full.rssPeakBytes,
      bytesPerRelationship: (median(fullGrowth) - median(halfGrowth)) / (full.relationships - half.relationships),
      fullGrowth,
      halfGrowth,
    };
    console.log(
      `marginal memory: peak RSS ${fmt.mib(m.halfPeakRss)} at ${fmt.int(m.halfRelationships)} relationships (10,000 schools), ` +
        `${fmt.mib(m.fullPeakRss)} at ${fmt.int(m.fullRelationships)}: ${m.bytesPerRelationship.toFixed(1)} B per added relationship ` +
        `(the median growth of ${fullGrowth.length} full-size and ${halfGrowth.length} half-size fresh processes, each over its own starting RSS: ` +
        `${fullGrowth.map(fmt.mib).join(', ')} and ${halfGrowth.map(fmt.mib).join(', ')}; what grows with the network, per-school state included; ` +
        'the B/rel (RSS growth) column also counts what does not).',
    );
    return { cases: out, marginal: m, ceiling };
  }
  return { cases: out, ceiling };
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
