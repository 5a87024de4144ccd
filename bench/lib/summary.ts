/**
 * The headline figures of a bench run, side by side (`npm run bench -- --json`):
 * what the performance issue asks the bench to print. Every figure comes from
 * the sections measured in this run; one not measured is null.
 */
import type { Report } from '../run.ts';
import type { CaseResult } from './measure.ts';
import type { CliOverhead } from '../sections/cli.ts';
import { WASM_ADOPT_AT } from '../native/wasm.ts';
import { amdahlBound, serialMs, type MarginalMemory, type ThreadCeiling } from '../sections/national.ts';

interface NativeRow {
  case: string;
  ratioKernel: number;
  ratioFullTick: number;
  identical: boolean;
  ratioWasm: number;
  wasmIdentical: boolean | null;
}
interface PeerTiming {
  case: string;
  impl: string;
  ratio: number;
}

const num = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1000) / 1000);

/** A workload's budget in seconds (null where it kept none). */
function secondsByStep(r: CaseResult | undefined): Record<string, number | null> | null {
  if (!r || Object.keys(r.budget).length === 0) return null;
  return Object.fromEntries(Object.entries(r.budget).map(([step, ms]) => [step, num(ms / 1000)]));
}

export function summarise(r: Report): Record<string, unknown> {
  const nat = (name: string): CaseResult | undefined => r.national?.find((c) => c.case === name);
  const one = nat('national');
  const two = nat('national-2threads');
  const yearly = nat('national-yearly');
  const built = nat('national-built');
  const native = (r.native as { rows?: NativeRow[] } | undefined)?.rows?.find((x) => x.case === 'national');
  const peers = (r.peers as { timing?: PeerTiming[] } | undefined)?.timing ?? [];
  const peer = (impl: string, c: string) => num(peers.find((t) => t.impl === impl && t.case === c)?.ratio);
  const pool = r.sweep?.points ?? [];
  const marginal = r.nationalMarginal as MarginalMemory | undefined;
  const cli = r.cli as CliOverhead | undefined;
  const ceiling = r.nationalThreadCeiling as ThreadCeiling | undefined;
  const serial = two && serialMs(two);
  return {
    when: r.when,
    machine: r.machine,
    national: {
      workload: one?.label ?? null,
      schools: one?.schools ?? null,
      relationships: one?.relationships ?? null,
      secondsPerReplication: {
        threads1: num(one && one.bestReplicationMs / 1000),
        threads2: num(two && two.bestReplicationMs / 1000),
        threads1RecordedYearly: num(yearly && yearly.bestReplicationMs / 1000),
        threads1Built: num(built && built.bestReplicationMs / 1000),
      },
      speedUpAt2Threads: num(one && two && one.bestReplicationMs / two.bestReplicationMs),
      sameBytesAt2Threads: one && two ? one.hash === two.hash : null,
      mainThreadAloneSecondsAt2Threads: num(serial === undefined ? undefined : serial / 1000),
      amdahlBound: {
        threads2: num(one && serial && amdahlBound(one.bestReplicationMs, serial, 2)),
        threads16: num(one && serial && amdahlBound(one.bestReplicationMs, serial, 16)),
      },
      twoProcessesSlowdown: num(ceiling?.slowdown),
      machineCeilingAt2Threads: num(ceiling?.ceiling),
      // Where a replication goes: seconds per replication in the setup, each step of the tick and the observer.
      budgetSeconds: {
        threads1: secondsByStep(one),
        threads2: secondsByStep(two),
        threads1RecordedYearly: secondsByStep(yearly),
      },
      meetingUpdatesPerSecond: num(one?.meetingUpdatesPerSec),
      edgePassesPerSecond: num(one?.edgePassesPerSec),
    },
    cReference: {
      kernelRatio: num(native?.ratioKernel),
      wholeTickRatio: num(native?.ratioFullTick),
      bitIdentical: native?.identical ?? null,
    },
    // The item 7: a WebAssembly kernel only at 2x or more over ours (the C kernel built for wasm32-wasi).
    webAssembly: {
      kernelSpeedUpOverOurs: num(native?.ratioWasm),
      bitIdentical: native?.wasmIdentical ?? null,
      adoptAt: WASM_ADOPT_AT,
    },
    peers: {
      timePerUpdateOverOurs: {
        agentscript: { locality: peer('agentscript', 'locality'), national: peer('agentscript', 'national') },
        flocc: { locality: peer('flocc', 'locality'), national: peer('flocc', 'national') },
      },
    },
    sweepPool: {
      scenario: r.sweep?.scenario ?? null,
      runsPerSecond: Object.fromEntries(pool.map((p) => [`workers${p.workers}`, num(p.runsPerSec)])),
      efficiencyAt2Workers: num(pool.find((p) => p.workers === 2)?.efficiency),
      efficiencyAt2WorkersByRound: (pool.find((p) => p.workers === 2)?.roundEfficiencies ?? []).map(num),
      processesAloneAt2: num(1 / (pool.find((p) => p.workers === 2)?.processSlowdown ?? NaN)),
      againstTheMachineAt2Workers: num(pool.find((p) => p.workers === 2)?.relativeToMachine),
    },
    memory: {
      stateBytesPerRelationship: num(one?.stateBytesPerRelationship),
      marginalPeakBytesPerRelationship: num(marginal?.bytesPerRelationship),
      marginalStandardError: num(marginal?.standardError),
      marginalProcesses: marginal?.points.length ?? 0,
    },
    cliOverhead: cli
      ? {
          scenario: cli.scenario,
          modelSeconds: num(cli.modelMs / 1000),
          cliSeconds: num(cli.cliMs / 1000),
          overhead: num(cli.overhead),
          fromSourcesSeconds: num(cli.sourceCliMs / 1000),
          fromSourcesOverhead: num(cli.sourceOverhead),
          inProcessModelSeconds: num(cli.inProcessModelMs / 1000),
          inProcessOverhead: num(cli.inProcessOverhead),
          reportBytes: cli.reportBytes,
        }
      : null,
    targets: r.targets ?? [],
  };
}
