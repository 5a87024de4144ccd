/**
 * Native reference: the tick kernel (meetings + Lencioni) in C, built here
 * with gcc -O3, run on the very network the JavaScript engine runs (exported
 * to a binary file) from the same generator state, and a memory-bandwidth
 * loop moving the same bytes per relationship update. Reports our time as a
 * ratio to each, and checks the C kernel reproduces ours bit for bit.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { median } from 'simple-statistics';
import { BENCH_DIR, runChild } from '../lib/child.ts';
import { CORE_CASES, NATIONAL_CASES, type CaseSpec } from '../lib/cases.ts';
import { fmt, heading, table } from '../lib/format.ts';
import { buildOnce } from '../native/build-once.ts';
import { buildWasmKernel, runWasmKernel, WASM_ADOPT_AT } from '../native/wasm.ts';
import type { Report } from '../run.ts';

export const BUILD_DIR = path.join(BENCH_DIR, '.build');
export const CFLAGS = ['-O3', '-march=native', '-ffp-contract=off'];

/** Compile bench/native/kernel.c (once per source change); returns the binary's path, or null without gcc. */
export function buildKernel(variant: '' | 'FAST_RNG' = ''): { bin: string; cc: string } | null {
  const srcFile = path.join(BENCH_DIR, 'native', 'kernel.c');
  const bin = path.join(BUILD_DIR, variant ? `kernel-${variant.toLowerCase()}` : 'kernel');
  let cc: string;
  try {
    cc = execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return null;
  }
  const flags = variant ? [...CFLAGS, `-D${variant}`] : CFLAGS;
  buildOnce(srcFile, bin, flags, () => execFileSync('gcc', [...flags, '-o', bin, srcFile, '-lm'], { stdio: 'inherit' }));
  return { bin, cc };
}

export interface NativeRow {
  case: string;
  label: string;
  relationships: number;
  ticks: number;
  updates: number;
  jsKernelMs: number;
  cKernelMs: number;
  /** C kernel with a short-chain generator instead of Alea (not bit-identical): what Alea's serial chain costs. */
  cFastRngMs: number;
  bandwidthMs: number;
  identical: boolean;
  /** Our kernel time / C kernel time: the median of the rounds' ratios (JavaScript and C measured in turn, round by round). */
  ratioKernel: number;
  /** Each round's ratio of our kernel time to the C kernel's. */
  roundRatios: number[];
  /** Our kernel time / bandwidth loop time. */
  ratioBandwidth: number;
  /** Our full tick (every rule + observer, from the core/national runs) / C kernel per tick. */
  ratioFullTick: number;
  /** The C kernel built for WebAssembly (bench/native/wasm.ts), run by V8's optimising tier: median of the rounds; NaN without clang and a WASI C library. */
  wasmKernelMs: number;
  /** Our kernel time / the WebAssembly kernel's (how many times faster WebAssembly is): the median of the rounds' ratios. */
  ratioWasm: number;
  /** Each round's ratio of our kernel time to the WebAssembly kernel's. */
  wasmRoundRatios: number[];
  /** The WebAssembly kernel gave our result bit for bit in every round (null when not measured). */
  wasmIdentical: boolean | null;
}

export async function nativeSection(opts: {
  quick: boolean;
  report: Report;
}): Promise<{ compiler: string; flags: string[]; wasmCompiler: string | null; rows: NativeRow[] } | { absent: string }> {
  heading('Native reference: C kernel (gcc -O3), the same kernel in WebAssembly, and a memory-bandwidth loop');
  const built = buildKernel();
  const fast = buildKernel('FAST_RNG');
  if (!built || !fast) {
    console.log('gcc not found: native reference skipped.');
    return { absent: 'gcc not found' };
  }
  const wasm = buildWasmKernel(BUILD_DIR);
  const wasmKernel = 'absent' in wasm ? null : wasm;
  if ('absent' in wasm) console.log(`WebAssembly kernel not measured: ${wasm.absent}.`);
  // The last row renumbers synthetic England's heads so that co-members are neighbours in
  // memory (bench/native/locality.ts): same values at other indices, so the gain is locality alone.
  const cases: [CaseSpec, number, boolean][] = [
    [CORE_CASES[0], opts.quick ? 600 : 6000, false],
    [CORE_CASES[1], opts.quick ? 120 : 600, false],
    [CORE_CASES[2], 60, false],
    [NATIONAL_CASES[0], opts.quick ? 12 : 60, false],
    [NATIONAL_CASES[0], opts.quick ? 12 : 60, true],
  ];
  const reps = opts.quick ? 2 : 3;
  // JavaScript and C are measured in alternate rounds, and each ratio is the median of the rounds' own
  // ratios: this machine's speed drifts from minute to minute, and one measurement of each, a minute
  // apart, moved the national kernel ratio from 1.54x to 2.21x between two records.
  const rounds = opts.quick ? 1 : 3;
  const rows: NativeRow[] = [];
  for (const [c, ticks, renumber] of cases) {
    const file = path.join(BUILD_DIR, `net-${c.name}.bin`);
    const national = c.name === 'national';
    const jsReps = national ? (opts.quick ? 1 : 2) : reps;
    const measured = Array.from({ length: rounds }, () => {
      const js = runChild<{ ms: number; updates: number; hash: number; relationships: number }>(
        'native/js-kernel.ts',
        { case: c, ticks, reps: jsReps, file, renumber },
        { nodeArgs: ['--max-old-space-size=8192'] },
      );
      const cOut = JSON.parse(execFileSync(built.bin, [file, String(ticks), String(reps), 'kernel'], { encoding: 'utf8' })) as {
        bestMs: number;
        hash: number;
        updates: number;
      };
      const wOut = wasmKernel ? runWasmKernel(wasmKernel, file, ticks, reps) : null;
      return { js, cOut, wOut };
    });
    const { js } = measured[measured.length - 1];
    const cFast = JSON.parse(execFileSync(fast.bin, [file, String(ticks), String(reps), 'kernel'], { encoding: 'utf8' })) as { bestMs: number };
    const bw = JSON.parse(execFileSync(built.bin, [file, String(ticks), String(reps + 2), 'bandwidth', String(js.updates)], { encoding: 'utf8' })) as {
      bestMs: number;
    };
    fs.rmSync(file, { force: true });
    const full = [...opts.report.core, ...((opts.report.national as typeof opts.report.core) ?? [])].find((r) => r.case === c.name);
    const jsMs = median(measured.map((m) => m.js.ms));
    const roundRatios = measured.map((m) => m.js.ms / m.cOut.bestMs);
    const cMs = median(measured.map((m) => m.cOut.bestMs));
    const wasmRounds = measured.flatMap((m) => (m.wOut ? [{ w: m.wOut, js: m.js }] : []));
    const wasmRatios = wasmRounds.map((p) => p.js.ms / p.w.bestMs);
    rows.push({
      case: renumber ? `${c.name}-renumbered` : c.name,
      label: renumber ? `${c.label}, renumbered` : c.label,
      relationships: js.relationships,
      ticks,
      updates: js.updates,
      jsKernelMs: jsMs,
      cKernelMs: cMs,
      cFastRngMs: cFast.bestMs,
      bandwidthMs: bw.bestMs,
      identical: measured.every((m) => m.cOut.hash === m.js.hash && m.cOut.updates === m.js.updates),
      ratioKernel: median(roundRatios),
      roundRatios,
      ratioBandwidth: jsMs / bw.bestMs,
      ratioFullTick: full && !renumber ? full.msPerTick / (cMs / ticks) : NaN,
      wasmKernelMs: wasmRounds.length ? median(wasmRounds.map((p) => p.w.bestMs)) : NaN,
      ratioWasm: wasmRatios.length ? median(wasmRatios) : NaN,
      wasmRoundRatios: wasmRatios,
      wasmIdentical: wasmRounds.length ? wasmRounds.every((p) => p.w.hash === p.js.hash && p.w.updates === p.js.updates) : null,
    });
  }
  console.log(
    table(
      [
        'workload',
        'relationships',
        'ticks',
        'updates',
        'ours ms',
        'C ms',
        'C fast-RNG ms',
        'WebAssembly ms',
        'bandwidth ms',
        'ours/C',
        'ours/WebAssembly',
        'ours/bandwidth',
        'full tick/C kernel',
        'same result',
      ],
      rows.map((r) => [
        r.label,
        fmt.int(r.relationships),
        r.ticks,
        fmt.int(r.updates),
        fmt.ms(r.jsKernelMs),
        fmt.ms(r.cKernelMs),
        fmt.ms(r.cFastRngMs),
        Number.isFinite(r.wasmKernelMs) ? fmt.ms(r.wasmKernelMs) : '-',
        fmt.ms(r.bandwidthMs),
        fmt.ratio(r.ratioKernel),
        Number.isFinite(r.ratioWasm) ? fmt.ratio(r.ratioWasm) : '-',
        fmt.ratio(r.ratioBandwidth),
        fmt.ratio(r.ratioFullTick),
        (r.identical ? 'bit-identical' : 'DIFFERS') + (r.wasmIdentical === false ? ' (WebAssembly DIFFERS)' : ''),
      ]),
    ),
  );
  console.log(
    `C: ${built.cc}, flags ${CFLAGS.join(' ')} (no FMA contraction, so roundings match V8). Kernel = meetings + Lencioni per tick;\n` +
      'bandwidth = sequential loop reading 60 and writing 28 bytes per relationship update (what the kernel touches).\n' +
      "'full tick/C kernel': our whole tick (all rules + observer) against the C kernel alone. 'C fast-RNG': the C kernel\n" +
      "with a short-chain generator in place of Alea (-DFAST_RNG; not bit-identical): what Alea's serial chain costs.\n" +
      "'renumbered': heads renumbered so co-members are neighbours in memory (same values, other indices).\n" +
      `ours, C: medians of ${rounds} round(s), each the best of its repetitions, JavaScript and C in turn; ours/C: the median of the rounds' ratios ` +
      `(${rows.map((r) => `${r.case} ${r.roundRatios.map((x) => x.toFixed(2)).join(', ')}`).join('; ')}).`,
  );
  if (wasmKernel)
    console.log(
      `WebAssembly: kernel.c built by ${wasmKernel.cc}, run in Node by V8's optimising tier (--no-liftoff; bench/native/wasm-run.mjs). ` +
        `ours/WebAssembly above 1 means WebAssembly is faster; the issue's rule adopts a WebAssembly kernel only at ${WASM_ADOPT_AT}x or more. ` +
        `Rounds: ${rows.map((r) => `${r.case} ${r.wasmRoundRatios.map((x) => x.toFixed(2)).join(', ')}`).join('; ')}.`,
    );
  return { compiler: built.cc, flags: CFLAGS, wasmCompiler: wasmKernel?.cc ?? null, rows };
}
