/** The benchmark report as Markdown tables (bench/results/latest.md), for docs/performance.md. */
import type { Report } from '../run.ts';
import type { CaseResult } from './measure.ts';
import { amdahlBound, serialMs, type MarginalMemory } from '../sections/national.ts';
import { fmt } from './format.ts';

const NAMES: Record<string, string> = { ours: 'collabsim', agentscript: 'AgentScript', flocc: 'Flocc' };

const md = (headers: string[], rows: (string | number)[][]) =>
  [`| ${headers.join(' | ')} |`, `|${headers.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function cases(rs: CaseResult[]): string {
  return md(
    [
      'workload',
      'schools',
      'relationships',
      'ticks',
      'setup',
      'ms/tick',
      'replication',
      'meeting updates/s',
      'edge passes/s',
      'peak RSS',
      'peak heap',
      'state B/relationship',
      'output hash',
    ],
    rs.map((r) => [
      r.label,
      fmt.int(r.schools),
      fmt.int(r.relationships),
      r.ticks,
      `${fmt.ms(r.setupMs)} ms`,
      fmt.ms(r.msPerTick),
      r.bestReplicationMs >= 1000 ? fmt.s(r.bestReplicationMs) : `${fmt.ms(r.bestReplicationMs)} ms`,
      fmt.rate(r.meetingUpdatesPerSec),
      fmt.rate(r.edgePassesPerSec),
      fmt.mib(r.rssPeakBytes),
      fmt.mib(r.heapPeakBytes),
      r.stateBytesPerRelationship.toFixed(1),
      `\`${r.hash.slice(0, 12)}\``,
    ]),
  );
}

export function toMarkdown(r: Report): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `Run ${r.when} with \`${r.command}\` on ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}; load average at start ${m.loadAverage.join(', ')}.`,
  );
  out.push('\n### Core workloads\n');
  out.push(cases(r.core));
  if (r.sweep) {
    out.push('\n### Sweep throughput (experiment worker pool)\n');
    out.push(
      md(
        ['workers', 'runs', 'runs/s', 'parallel efficiency', 'worker ms/run', 'pool overhead'],
        r.sweep.points.map((p) => [
          p.workers,
          p.runs,
          p.runsPerSec.toFixed(2),
          p.efficiency.toFixed(2),
          fmt.ms(p.raw.workerMsPerRun),
          fmt.pct(p.raw.poolOverheadShare),
        ]),
      ),
    );
    for (const p of r.sweep.points)
      if (p.workers > 1)
        out.push(
          `\nEfficiency at ${p.workers} workers, round by round (the table gives the median): ${p.roundEfficiencies.map((e) => e.toFixed(2)).join(', ')}.\n`,
        );
  }
  if (r.national) {
    out.push('\n### National scale\n');
    out.push(cases(r.national));
    out.push('');
    out.push(
      md(
        ['workload', 'one replication (cold)', 'one replication (warm)', 'peak RSS', 'state B/relationship', 'peak-RSS growth B/relationship'],
        r.national.map((c) => [
          c.label,
          fmt.s(c.coldReplicationMs),
          fmt.s(c.bestReplicationMs),
          fmt.mib(c.rssPeakBytes),
          c.stateBytesPerRelationship.toFixed(1),
          c.rssBytesPerRelationship.toFixed(0),
        ]),
      ),
    );
    const one = r.national.find((c) => c.case === 'national');
    const two = r.national.find((c) => c.case === 'national-2threads');
    const ceiling = r.nationalThreadCeiling as { slowdown: number; ceiling: number } | undefined;
    if (one && two) {
      const serial = serialMs(two);
      out.push(
        `\nTwo threads: **${fmt.ratio(one.bestReplicationMs / two.bestReplicationMs)}**. The main thread works alone for ${fmt.s(serial)} of the two-thread replication ` +
          `(${fmt.pct(serial / one.bestReplicationMs)} of the one-thread one): Amdahl's bound ${fmt.ratio(amdahlBound(one.bestReplicationMs, serial, 2))} on 2 threads, ` +
          `${fmt.ratio(amdahlBound(one.bestReplicationMs, serial, 16))} on 16.` +
          (ceiling
            ? ` Two one-thread processes at once each take ${fmt.ratio(ceiling.slowdown)} as long as one alone: this machine allows at most ${fmt.ratio(ceiling.ceiling)}.`
            : ''),
      );
    }
    const m = r.nationalMarginal as MarginalMemory | undefined;
    if (m)
      out.push(
        `\nMarginal memory: **${m.bytesPerRelationship.toFixed(1)} B per added relationship** (standard error ${m.standardError.toFixed(1)} B), ` +
          `the least-squares slope of peak RSS growth against relationships over ${m.points.length} fresh processes at ` +
          `${[...new Set(m.points.map((p) => fmt.int(p.relationships)))].join(', ')} relationships.`,
      );
  }
  const native = r.native as { rows?: Record<string, number | string | boolean>[]; flags?: string[]; compiler?: string } | undefined;
  if (native?.rows) {
    out.push(`\n### Native reference (${native.compiler}, ${native.flags?.join(' ')})\n`);
    out.push(
      md(
        [
          'workload',
          'updates',
          'ours (kernel) ms',
          'C kernel ms',
          'C fast-RNG ms',
          'bandwidth loop ms',
          'ours / C',
          'ours / bandwidth',
          'whole tick / C kernel',
          'same result',
        ],
        native.rows.map((x) => [
          String(x.label),
          fmt.int(x.updates as number),
          fmt.ms(x.jsKernelMs as number),
          fmt.ms(x.cKernelMs as number),
          fmt.ms(x.cFastRngMs as number),
          fmt.ms(x.bandwidthMs as number),
          fmt.ratio(x.ratioKernel as number),
          fmt.ratio(x.ratioBandwidth as number),
          fmt.ratio(x.ratioFullTick as number),
          x.identical ? 'bit-identical' : 'differs',
        ]),
      ),
    );
  }
  const peers = r.peers as
    | {
        agreement?: Record<string, number | string | boolean>[];
        timing?: Record<string, number | string>[];
        floccNetwork?: { points: { n: number; ms: number }[]; exponent: number; extrapolatedMs: Record<string, number> };
      }
    | undefined;
  if (peers?.timing) {
    out.push('\n### Peers: same kernel, same network\n');
    out.push(
      md(
        ['workload', 'peer', 'metric', 'replications', 'max diff of means', 'max z', 'within tolerance'],
        (peers.agreement ?? []).map((a) => [
          String(a.case),
          NAMES[String(a.impl)],
          String(a.metric),
          String(a.replications),
          (a.maxAbsDiff as number).toFixed(4),
          (a.maxZ as number).toFixed(2),
          a.pass ? 'yes' : 'no',
        ]),
      ),
    );
    out.push('');
    out.push(
      md(
        ['workload', 'implementation', 'setup ms', 'ticks timed', 'ms/tick', 'updates/s', 'peer / ours', 'note'],
        peers.timing.map((t) => [
          String(t.label),
          NAMES[String(t.impl)],
          fmt.ms(t.setupMs as number),
          String(t.ticks),
          fmt.ms(t.msPerTick as number),
          fmt.rate(t.updatesPerSec as number),
          t.impl === 'ours' ? '1' : fmt.ratio(t.ratio as number),
          String(t.failed ?? t.note ?? ''),
        ]),
      ),
    );
    if (peers.floccNetwork)
      out.push(
        `\nFlocc Network helper build: ${peers.floccNetwork.points.map((p) => `n=${p.n}: ${fmt.ms(p.ms)} ms`).join(', ')}; grows as n^${peers.floccNetwork.exponent.toFixed(1)} (extrapolated: 2,000 heads about ${fmt.long(peers.floccNetwork.extrapolatedMs['2000'])}, 20,000 heads about ${fmt.long(peers.floccNetwork.extrapolatedMs['20000'])}).`,
      );
  }
  const sc = r.scaling as { workloads?: { name: string; points: Record<string, number>[] }[] } | undefined;
  if (sc?.workloads) {
    out.push('\n### Parallel scaling (bench harness, worker threads, transferred typed arrays)\n');
    for (const w of sc.workloads) {
      out.push(`${w.name}\n`);
      out.push(
        md(
          ['workers', 'runs', 'runs/s', 'efficiency', 'compute ms/run', 'pool overhead', 'transfer ms/run', 'processes: slowdown', 'efficiency / machine'],
          w.points.map((p) => [
            p.workers,
            p.runs,
            p.runsPerSec.toFixed(2),
            p.efficiency.toFixed(2),
            fmt.ms(p.computeMsPerRun),
            fmt.pct(p.overheadShare),
            fmt.ms(p.transferMsPerRun),
            p.processSlowdown === undefined ? '-' : fmt.ratio(p.processSlowdown),
            p.relativeToMachine === undefined ? '-' : p.relativeToMachine.toFixed(2),
          ]),
        ),
      );
      out.push('');
    }
  }
  const targets = r.targets as { target: string; measured: string; met: boolean | null }[] | undefined;
  if (targets) {
    out.push('\n### Targets\n');
    out.push(
      md(
        ['target', 'measured', 'met'],
        targets.map((t) => [t.target, t.measured, t.met === null ? '-' : t.met ? 'yes' : 'no']),
      ),
    );
  }
  return out.join('\n') + '\n';
}
