/**
 * National scale: a synthetic England (about 20,000 schools, 500,000 directed
 * relationships in partnerships, multi-academy trusts and hub work groups),
 * ten years at half-termly and at weekly ticks.
 */
import { NATIONAL_CASES } from '../lib/cases.ts';
import type { CaseResult } from '../lib/measure.ts';
import { fmt, heading, table } from '../lib/format.ts';
import { caseTable, measureInChild } from '../lib/workloads.ts';

export async function nationalSection(opts: { quick: boolean }): Promise<CaseResult[]> {
  heading('National scale: synthetic England, 10 years');
  const out: CaseResult[] = [];
  for (const c of NATIONAL_CASES) {
    const heavy = c.ticksPerYear > 6 || c.name === 'national-policy';
    const reps = opts.quick ? { minReps: 1, maxReps: 1, minMs: 0 } : { minReps: heavy ? 2 : 3, maxReps: heavy ? 2 : 3, minMs: 0 };
    out.push(measureInChild(c, reps));
  }
  for (const r of out) {
    const n = r.network;
    if (n && r.case !== 'national-weekly')
      console.log(`${r.label}: ${fmt.int(n.schools)} schools, ${fmt.int(n.leaders)} leaders, ${fmt.int(n.relationships)} relationships, ${fmt.int(n.groups)} groups (${n.partnerships} partnerships, ${n.mats} MAT groups, ${n.hubs} hub groups); ${n.source}`);
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
  return out;
}
