/** The issue's targets against this run's figures: every figure, met or not. */
import { fmt, heading, table } from '../lib/format.ts';
import type { Report } from '../run.ts';
import type { MarginalMemory } from './national.ts';
import { WASM_ADOPT_AT } from '../native/wasm.ts';

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

  const two = nat('national-2threads');
  const ceiling = r.nationalThreadCeiling as { ceiling: number } | undefined;
  add(
    'national, 10 years half-termly <= 1.5 s per replication (one thread)',
    ht?.bestReplicationMs,
    (v) => v <= 1500,
    (v) => `${fmt.s(v)} warm, ${fmt.s(ht!.coldReplicationMs)} cold`,
  );
  add(
    'national on 2 threads: speed-up >= 1.7, same bytes',
    ht && two ? ht.bestReplicationMs / two.bestReplicationMs : undefined,
    (v) => v >= 1.7 && two!.hash === ht!.hash,
    (v) =>
      `${fmt.ratio(v)} (${fmt.s(two!.bestReplicationMs)}), ${two!.hash === ht!.hash ? 'same bytes' : 'DIFFERENT bytes'}` +
      (ceiling ? `; this machine allows ${fmt.ratio(ceiling.ceiling)} (two processes at once)` : ''),
  );
  const built = nat('national-built');
  add(
    'national, half-termly, one thread, built program (esbuild bundle, as collabsim run after npm run build; reported)',
    built?.bestReplicationMs,
    () => true,
    (v) =>
      `${fmt.s(v)} warm${ht ? ` (${fmt.ratio(ht.bestReplicationMs / v)} faster than the sources through tsx)` : ''}${built!.hash === ht?.hash ? ', same bytes' : ', DIFFERENT bytes'}`,
  );
  const yearly = nat('national-yearly');
  add(
    'national, half-termly, series recorded once a year (output.every: year; reported)',
    yearly?.bestReplicationMs,
    () => true,
    (v) => `${fmt.s(v)} warm${ht ? ` (${fmt.ratio(ht.bestReplicationMs / v)} faster than recorded every tick)` : ''}`,
  );
  add(
    'national, 10 years weekly (reported)',
    wk?.bestReplicationMs,
    () => true,
    (v) => `${fmt.s(v)} warm, ${fmt.s(wk!.coldReplicationMs)} cold`,
  );
  add(
    'relationship updates per second (reported)',
    ht?.meetingUpdatesPerSec,
    () => true,
    (v) => `${fmt.rate(v)} meeting updates/s, ${fmt.rate(ht!.edgePassesPerSec)} edge passes/s`,
  );
  const marginal = r.nationalMarginal as MarginalMemory | undefined;
  add(
    'peak memory <= 64 bytes per added relationship',
    marginal?.bytesPerRelationship,
    (v) => v <= 64,
    (v) =>
      `${v.toFixed(0)} B marginal peak RSS (standard error ${marginal!.standardError.toFixed(0)} B` +
      `${Math.abs(v - 64) < 2 * marginal!.standardError ? ': 64 B within two standard errors' : ''}); ${ht!.stateBytesPerRelationship.toFixed(1)} B of state`,
  );
  const peers = r.peers as { timing?: { case: string; impl: string; ratio: number; failed?: string }[] } | undefined;
  for (const impl of ['agentscript', 'flocc'])
    for (const c of ['locality', 'national']) {
      const row = peers?.timing?.find((t) => t.impl === impl && t.case === c);
      add(
        `faster than ${impl === 'flocc' ? 'Flocc' : 'AgentScript'} at ${c} scale (reported)`,
        row?.ratio,
        (v) => v > 1,
        (v) => `${fmt.ratio(v)}`,
      );
    }
  const native = r.native as { rows?: { case: string; ratioKernel: number; ratioFullTick: number; ratioWasm: number }[] } | undefined;
  const nn = native?.rows?.find((x) => x.case === 'national');
  add(
    'whole tick <= 1.5x the C reference kernel (national)',
    nn?.ratioFullTick,
    (v) => v <= 1.5,
    (v) => `whole tick ${fmt.ratio(v)}; kernel ${fmt.ratio(nn!.ratioKernel)}`,
  );
  add(
    `a WebAssembly kernel only at >= ${WASM_ADOPT_AT}x the JavaScript kernel (the C kernel built for wasm32-wasi, national; reported)`,
    nn?.ratioWasm,
    () => true,
    (v) => `${fmt.ratio(v)} our kernel's speed: ${v >= WASM_ADOPT_AT ? 'worth adopting' : 'not adopted'}`,
  );
  const cli = r.cli as { overhead: number; cliMs: number; modelMs: number; sourceOverhead: number; inProcessOverhead: number } | undefined;
  add(
    'CLI overhead over the model <= 20% (England, one replication, built)',
    cli?.overhead,
    (v) => v <= 0.2,
    (v) =>
      `${fmt.pct(v)} (${fmt.s(cli!.cliMs)} against ${fmt.s(cli!.modelMs)}); inside the run ${fmt.pct(cli!.inProcessOverhead)}; from sources through tsx ${fmt.pct(cli!.sourceOverhead)}`,
  );
  const two2 = r.sweep?.points?.find((p) => p.workers === 2);
  add(
    'sweep pool efficiency >= 0.85 at 2 workers, short runs',
    two2?.efficiency,
    (v) => v >= 0.85,
    (v) => `${v.toFixed(2)}; separate processes ${(1 / two2!.processSlowdown).toFixed(2)}; against the machine ${two2!.relativeToMachine.toFixed(2)}`,
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
