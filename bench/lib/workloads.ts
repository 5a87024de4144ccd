/** Measure workloads in fresh processes and print them as one table. */
import { runChild, runChildAsync } from './child.ts';
import { caseBundle } from './bundle.ts';
import type { CaseSpec } from './cases.ts';
import type { CaseResult } from './measure.ts';
import { fmt, table } from './format.ts';

export function measureInChild(c: CaseSpec, reps: { minReps: number; maxReps: number; minMs: number }): CaseResult {
  return runChild<CaseResult>(c.built ? caseBundle() : 'case.ts', { case: c, ...reps }, { nodeArgs: ['--max-old-space-size=8192'] });
}

/** The same workload in `n` fresh processes at once: what this machine gives `n` runs side by side. */
export function measureTogetherInChildren(c: CaseSpec, n: number, reps: { minReps: number; maxReps: number; minMs: number }): Promise<CaseResult[]> {
  return Promise.all(Array.from({ length: n }, () => runChildAsync<CaseResult>('case.ts', { case: c, ...reps }, { nodeArgs: ['--max-old-space-size=8192'] })));
}

export function caseTable(results: CaseResult[]): string {
  return table(
    [
      'workload',
      'schools',
      'relationships',
      'ticks',
      'setup ms',
      'ms/tick',
      'replication ms',
      'meeting upd/s',
      'edge passes/s',
      'peak RSS',
      'peak heap',
      'B/rel (state)',
      'hash',
    ],
    results.map((r) => [
      r.label,
      fmt.int(r.schools),
      fmt.int(r.relationships),
      r.ticks,
      fmt.ms(r.setupMs),
      fmt.ms(r.msPerTick),
      fmt.ms(r.bestReplicationMs),
      fmt.rate(r.meetingUpdatesPerSec),
      fmt.rate(r.edgePassesPerSec),
      fmt.mib(r.rssPeakBytes),
      fmt.mib(r.heapPeakBytes),
      r.stateBytesPerRelationship.toFixed(1),
      r.hash.slice(0, 12) + (r.hashStable ? '' : ' UNSTABLE'),
    ]),
  );
}
