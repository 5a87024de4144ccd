/** The issue's targets against this run's figures: every figure, met or not. */
import { fmt, heading, table } from '../lib/format.ts';
import type { Report } from '../run.ts';

export interface TargetRow {
  target: string;
  measured: string;
  met: boolean | null;
}

export function targetsSection(r: Report): TargetRow[] {
  heading('Targets (this machine, this run)');
  const nat = (name: string) => r.national?.find((c) => c.case === name);
  const ht = nat('national');
  const wk = nat('national-weekly');
  const rows: TargetRow[] = [];
  const add = (target: string, value: number | undefined, ok: (v: number) => boolean, show: (v: number) => string) =>
    rows.push({
      target,
      measured: value === undefined || !Number.isFinite(value) ? 'not measured' : show(value),
      met: value === undefined || !Number.isFinite(value) ? null : ok(value),
    });

  add(
    'national, 10 years half-termly <= 1.5 s per replication (one core)',
    ht?.bestReplicationMs,
    (v) => v <= 1500,
    (v) => `${fmt.s(v)} warm, ${fmt.s(ht!.coldReplicationMs)} cold`,
  );
  add(
    'national, 10 years weekly <= 10 s per replication',
    wk?.bestReplicationMs,
    (v) => v <= 10_000,
    (v) => `${fmt.s(v)} warm, ${fmt.s(wk!.coldReplicationMs)} cold`,
  );
  add(
    '>= 50 M relationship updates/s per core at national scale',
    ht?.meetingUpdatesPerSec,
    (v) => v >= 50e6,
    (v) => `${fmt.rate(v)} meeting updates/s, ${fmt.rate(ht!.edgePassesPerSec)} edge passes/s`,
  );
  const marginal = (r.nationalMarginal as { bytesPerRelationship: number } | undefined)?.bytesPerRelationship;
  add(
    '<= 100 bytes of memory per relationship',
    ht?.stateBytesPerRelationship,
    (v) => v <= 100,
    (v) =>
      `${v.toFixed(1)} B state, ${marginal === undefined ? '' : `${marginal.toFixed(0)} B marginal peak RSS, `}${ht!.rssBytesPerRelationship.toFixed(0)} B peak-RSS growth`,
  );

  const peers = r.peers as { timing?: { case: string; impl: string; ratio: number; failed?: string }[] } | undefined;
  for (const impl of ['agentscript', 'flocc'])
    for (const c of ['locality', 'national']) {
      const row = peers?.timing?.find((t) => t.impl === impl && t.case === c);
      add(
        `>= 20x faster than ${impl === 'flocc' ? 'Flocc' : 'AgentScript'} at ${c} scale`,
        row?.ratio,
        (v) => v >= 20,
        (v) => `${fmt.ratio(v)}`,
      );
    }
  const native = r.native as { rows?: { case: string; ratioKernel: number; ratioFullTick: number }[] } | undefined;
  const nn = native?.rows?.find((x) => x.case === 'national');
  add(
    'within 3x of the C reference per tick (national)',
    nn?.ratioKernel,
    (v) => v <= 3,
    (v) => `kernel ${fmt.ratio(v)}; whole tick vs C kernel ${fmt.ratio(nn!.ratioFullTick)}`,
  );

  const scaling = r.scaling as
    | { workloads?: { name: string; points: { workers: number; efficiency: number }[] }[]; pool?: { points: { workers: number; efficiency: number }[] } }
    | undefined;
  const eff2 = scaling?.workloads?.map((w) => w.points.find((p) => p.workers === 2)?.efficiency ?? NaN) ?? [];
  add(
    'parallel efficiency >= 0.9 at 2 workers (bench harness)',
    eff2.length ? Math.max(...eff2) : undefined,
    (v) => v >= 0.9,
    () => eff2.map((e) => e.toFixed(2)).join(' / ') + ' (locality / 2,000 schools)',
  );
  const poolEff = (scaling?.pool ?? r.sweep)?.points?.find((p) => p.workers === 2)?.efficiency;
  add(
    'parallel efficiency >= 0.9 at 2 workers (experiment pool)',
    poolEff,
    (v) => v >= 0.9,
    (v) => v.toFixed(2),
  );

  console.log(
    table(
      ['target', 'measured', 'met'],
      rows.map((x) => [x.target, x.measured, x.met === null ? '-' : x.met ? 'yes' : 'NO']),
      ['l', 'l', 'l'],
    ),
  );
  return rows;
}
