/**
 * collabsim benchmark.
 *
 *   npm run bench                       core cases (team, locality, 2,000 schools) + sweep throughput
 *   npm run bench -- --national         + synthetic England, half-termly and weekly ticks
 *   npm run bench -- --peers            + AgentScript and Flocc on the same model, side by side
 *   npm run bench -- --native           + C reference kernel (gcc -O3) and memory-bandwidth loop
 *   npm run bench -- --scaling          + parallel scaling at every core count, pool overhead
 *   npm run bench -- --binding          + how the way hot arrays are bound changes V8's code
 *   npm run bench -- --cli              + CLI overhead: collabsim run of England against the model alone
 *   npm run bench -- --all              everything
 *   npm run bench -- --json             the headline figures side by side (national at 1 and 2 threads,
 *                                       C and peer ratios, pool efficiency, memory, CLI overhead) as one
 *                                       JSON object on stdout; the tables go to stderr (bench/lib/summary.ts)
 *   options: --quick (fewer replications), --out FILE (default bench/results/latest.json; a
 *            Markdown copy of the tables goes next to it, latest.md)
 *
 * Every workload runs in a fresh Node process so its memory high-water mark is its own.
 * Results are printed as tables and written as JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomicSync } from '../src/output/atomic.ts';
import { BENCH_DIR } from './lib/child.ts';
import { CORE_CASES } from './lib/cases.ts';
import type { CaseResult } from './lib/measure.ts';
import { heading } from './lib/format.ts';
import { caseTable, measureInChild } from './lib/workloads.ts';
import { sweepSection, type SweepReport } from './sections/sweep.ts';
import { toMarkdown } from './lib/markdown.ts';

const argv = process.argv.slice(2);
const SECTIONS = ['national', 'peers', 'native', 'scaling', 'binding', 'cli'] as const;
const { values: args } = parseArgs({
  args: argv,
  options: {
    ...Object.fromEntries(SECTIONS.map((s) => [s, { type: 'boolean' as const }])),
    all: { type: 'boolean' },
    json: { type: 'boolean' },
    quick: { type: 'boolean' },
    out: { type: 'string' },
  },
  strict: false,
});
const json = args.json === true;
/** What --json reports needs these sections. */
const JSON_SECTIONS = new Set<string>(['national', 'peers', 'native', 'cli']);
const has = (section: (typeof SECTIONS)[number]) => args[section] === true || args.all === true || (json && JSON_SECTIONS.has(section));
// With --json, stdout carries only the JSON object: every table goes to stderr.
if (json) console.log = console.error;
const quick = args.quick === true;
const outFile = typeof args.out === 'string' ? path.resolve(args.out) : path.join(BENCH_DIR, 'results', 'latest.json');

export interface Report {
  when: string;
  command: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string; loadAverage: number[] };
  core: CaseResult[];
  sweep?: SweepReport;
  national?: CaseResult[];
  [section: string]: unknown;
}

function machine(): Report['machine'] {
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const report: Report = {
    when: new Date().toISOString(),
    command: `npm run bench${argv.length ? ' -- ' + argv.join(' ') : ''}`,
    machine: machine(),
    core: [],
  };
  const m = report.machine;
  console.log(`collabsim bench: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, load ${m.loadAverage.join(' ')}`);
  if (m.loadAverage[0] > m.cpus * 0.75) console.log(`warning: the machine is busy (load ${m.loadAverage[0]}); timings will be pessimistic and noisy.`);

  // Core cases.
  heading('Core: 10 years, half-termly ticks (6 per year), seed 1');
  for (const c of CORE_CASES) {
    const reps = quick ? { minReps: 2, maxReps: 6, minMs: 300 } : { minReps: 4, maxReps: 200, minMs: 1500 };
    report.core.push(measureInChild(c, reps));
  }
  console.log(caseTable(report.core));
  console.log(
    'ms/tick: best warm replication (step + observe). meeting upd/s: directed relationships updated per meeting held\n' +
      '(state.tallies.relationshipUpdates) per second of tick loop. edge passes/s: meeting updates plus knowledge-exchange\n' +
      'visits (every relationship once per tick) per second. peak RSS: process high-water (fresh process per workload).\n' +
      'B/rel (state): bytes of all typed arrays in the state / relationships. hash: sha256 of the series (keys + values).',
  );

  // Sweep throughput through the experiment layer's pool.
  report.sweep = await sweepSection({ quick, allCores: has('scaling') });

  if (has('national')) {
    const { nationalSection } = await import('./sections/national.ts');
    const national = await nationalSection({ quick });
    report.national = national.cases;
    if (national.marginal) report.nationalMarginal = national.marginal;
    if (national.ceiling) report.nationalThreadCeiling = national.ceiling;
  }
  if (has('binding')) {
    const { bindingSection } = await import('./sections/binding.ts');
    report.binding = bindingSection({ quick });
  }
  if (has('native')) {
    const { nativeSection } = await import('./sections/native.ts');
    report.native = await nativeSection({ quick, report });
  }
  if (has('peers')) {
    const { peersSection } = await import('./sections/peers.ts');
    report.peers = await peersSection({ quick, report });
  }
  if (has('scaling')) {
    const { scalingSection } = await import('./sections/scaling.ts');
    report.scaling = await scalingSection({ quick });
  }
  if (has('cli')) {
    const { cliSection } = await import('./sections/cli.ts');
    report.cli = cliSection({ quick });
  }
  if (has('national') || has('native') || has('peers') || has('scaling') || has('binding') || has('cli')) {
    const { targetsSection } = await import('./sections/targets.ts');
    report.targets = targetsSection(report);
  }

  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileAtomicSync(outFile, JSON.stringify(report, null, 2) + '\n');
  const mdFile = outFile.replace(/\.json$/, '') + '.md';
  writeFileAtomicSync(mdFile, toMarkdown(report));
  console.log(`\nwrote ${path.relative(process.cwd(), outFile)} in ${((performance.now() - started) / 1000).toFixed(0)} s total`);
  if (json) {
    const { summarise } = await import('./lib/summary.ts');
    process.stdout.write(JSON.stringify(summarise(report), null, 2) + '\n');
  }
}

await main();
