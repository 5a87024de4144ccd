/**
 * National scale: a synthetic England (about 20,000 schools, 500,000 directed
 * relationships in partnerships, multi-academy trusts and hub work groups),
 * ten years at half-termly and at weekly ticks.
 */
import { NATIONAL_CASES, NATIONAL_HALF } from '../lib/cases.ts';
import type { CaseResult } from '../lib/measure.ts';
import { fmt, heading, table } from '../lib/format.ts';
import { caseTable, measureInChild } from '../lib/workloads.ts';

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

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export async function nationalSection(opts: { quick: boolean }): Promise<{ cases: CaseResult[]; marginal?: MarginalMemory }> {
  heading('National scale: synthetic England, 10 years');
  const out: CaseResult[] = [];
  // One thread and two are measured in alternate processes, round by round, and each keeps its best:
  // this machine's speed drifts from minute to minute, and the speed-up is their ratio.
  const paired = new Set(['national', 'national-2threads']);
  const best = new Map<string, CaseResult>();
  // Every one-thread national process's memory growth, for the marginal memory below.
  const fullGrowth: number[] = [];
  const rounds = opts.quick ? 1 : 3;
  for (let r = 0; r < rounds; r++)
    for (const c of NATIONAL_CASES.filter((k) => paired.has(k.name))) {
      const res = measureInChild(c, opts.quick ? { minReps: 1, maxReps: 1, minMs: 0 } : { minReps: 2, maxReps: 2, minMs: 0 });
      if (c.name === 'national') fullGrowth.push(res.rssPeakBytes - res.rssBaselineBytes);
      const kept = best.get(c.name);
      if (!kept || res.bestReplicationMs < kept.bestReplicationMs) best.set(c.name, res);
    }
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
    return { cases: out, marginal: m };
  }
  return { cases: out };
}
