/**
 * CLI overhead at national scale: the wall time of `collabsim run` on
 * scenarios/england.yaml with one replication (start-up, loading, the model,
 * tables, charts and report) against the model's own time for the same
 * scenario and seed (build, burn-in, ten years, collecting the output; a
 * fresh process, bench/cli-model.ts). Overhead = (CLI - model) / model.
 *
 * Measured two ways, interleaved with the model (this machine's speed drifts
 * from minute to minute): the command as a clone runs it after
 * `npm run build` (plain node on dist/, bin/entry.mjs), which the section
 * builds first when dist/ is not current, and from the TypeScript sources
 * through tsx (COLLABSIM_FROM_SOURCE=1), as a fresh clone runs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runChild } from '../lib/child.ts';
import { fmt, heading, table } from '../lib/format.ts';
// @ts-expect-error -- the command's launcher is plain JavaScript without type declarations
import { entryKind } from '../../bin/entry.mjs';

export interface CliOverhead {
  scenario: string;
  schools: number;
  relationships: number;
  /** Best of the repetitions: the model's time (build, burn-in, run, collect). */
  modelMs: number;
  /** Best of the repetitions: wall time of the whole command, built (dist/). */
  cliMs: number;
  /** (cliMs - modelMs) / modelMs. */
  overhead: number;
  /** The same from the TypeScript sources through tsx (a fresh clone, no build). */
  sourceCliMs: number;
  sourceOverhead: number;
  reportBytes: number;
  outputBytes: number;
  /**
   * The same command measured inside itself, for the fastest built run: the
   * model's time in that process (manifest.json model_ms: build, burn-in,
   * ticks, collect) against the command's wall time. One process, so the
   * machine's drift between processes does not enter; the chart thread's
   * share of the machine during the model counts as model time here.
   */
  inProcessModelMs: number;
  inProcessOverhead: number;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }))
    total += e.isDirectory() ? folderBytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size;
  return total;
}

/** Wall time of one `collabsim run` into `out`. */
function timeCli(scenario: string, out: string, fromSource: boolean): number {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'collabsim.mjs'), 'run', scenario, '--reps', '1', '--quiet', '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, COLLABSIM_FROM_SOURCE: fromSource ? '1' : '' },
  });
  const ms = performance.now() - t0;
  if (res.status !== 0) throw new Error(`collabsim run failed (exit ${res.status}):\n${res.stderr}`);
  return ms;
}

export function cliSection(opts: { quick: boolean }): CliOverhead {
  const scenario = 'scenarios/england.yaml';
  heading(`CLI overhead: collabsim run ${scenario} --reps 1 against the model alone`);
  if (entryKind(ROOT, {}) !== 'dist') {
    console.log('dist/ is not a build of the current sources: npm run build');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-package.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const reps = opts.quick ? 1 : 3;
  let modelMs = Infinity,
    cliMs = Infinity,
    inProcessModelMs = NaN,
    sourceCliMs = Infinity,
    reportBytes = 0,
    outputBytes = 0,
    schools = 0,
    relationships = 0;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'collabsim-bench-cli-'));
  try {
    for (let r = 0; r < reps; r++) {
      const m = runChild<{ modelMs: number; schools: number; relationships: number }>('cli-model.ts', { file: scenario });
      modelMs = Math.min(modelMs, m.modelMs);
      schools = m.schools;
      relationships = m.relationships;
      const out = path.join(tmp, `run${r}`);
      const ms = timeCli(scenario, out, false);
      if (ms < cliMs) {
        cliMs = ms;
        inProcessModelMs = (JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { model_ms: number }).model_ms;
      }
      reportBytes = fs.statSync(path.join(out, 'report.html')).size;
      outputBytes = folderBytes(out);
      sourceCliMs = Math.min(sourceCliMs, timeCli(scenario, path.join(tmp, `source${r}`), true));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const result: CliOverhead = {
    scenario,
    schools,
    relationships,
    modelMs,
    cliMs,
    overhead: (cliMs - modelMs) / modelMs,
    sourceCliMs,
    sourceOverhead: (sourceCliMs - modelMs) / modelMs,
    reportBytes,
    outputBytes,
    inProcessModelMs,
    inProcessOverhead: (cliMs - inProcessModelMs) / inProcessModelMs,
  };
  console.log(
    table(
      ['scenario', 'schools', 'model', 'collabsim run (built)', 'overhead', 'from sources (tsx)', 'overhead', 'report', 'all outputs'],
      [
        [
          scenario,
          fmt.int(schools),
          fmt.s(modelMs),
          fmt.s(cliMs),
          fmt.pct(result.overhead),
          fmt.s(sourceCliMs),
          fmt.pct(result.sourceOverhead),
          fmt.mib(reportBytes),
          fmt.mib(outputBytes),
        ],
      ],
    ),
  );
  console.log(
    'model = build + burn-in + run + collect in a fresh process; collabsim run = the whole command, Node start-up included (best of the repetitions, each next to a model run). ' +
      'built = after npm run build (bin/entry.mjs runs dist/ while it matches the sources); from sources = a fresh clone, through tsx.',
  );
  console.log(
    `measured inside the fastest built run (manifest.json model_ms): the model ${fmt.s(inProcessModelMs)} of ${fmt.s(cliMs)}, ` +
      `overhead ${fmt.pct(result.inProcessOverhead)} (one process: no drift between processes; the chart thread's share of the machine during the model counts as model time).`,
  );
  return result;
}
