/**
 * Merging shard folders into one sweep folder whose tables are byte-identical
 * to an unsharded run of the same sweep (same finalisation code, same
 * canonical row order).
 *
 * Refused (SweepError) when: a folder is not a sweep folder; the folders come
 * from different sweeps (hash) or shard counts; a shard index is missing or
 * given twice; a run is missing, duplicated or found in the wrong shard.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createStagingDir, discardStagingDir, publishDir } from '../output/atomic.ts';
import { writeFileAtomicSync } from '../output/atomic.ts';
import { finaliseTables, type FailureInfo, type FileInfo } from './finalise.ts';
import { JournalWriter, scanJournal } from './journal.ts';
import { FILES, statePaths } from './layout.ts';
import { buildManifest, reportFacts, writeManifest, writeSweepExtras, type ShardSpec } from './outputs.ts';
import { loadStoredSweep, ownsRun, readStoredState } from './runner.ts';
import { SweepError } from './errors.ts';
import { storedSweep } from './load.ts';

export interface MergeOptions {
  out: string;
  /** Model module override (default: the one recorded in the shards). */
  model?: string;
  /** Build DuckDB/Parquet, charts and report (default true). */
  extras?: boolean;
  log?: (line: string) => void;
}

export interface MergeResult {
  dir: string;
  runs: number;
  ok: number;
  failed: number;
  failures: FailureInfo[];
  files: Record<string, FileInfo>;
  warnings: string[];
  sweepHash: string;
}

export async function mergeShards(dirs: string[], opts: MergeOptions): Promise<MergeResult> {
  if (dirs.length === 0) throw new SweepError('merge: give at least one shard folder');
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const infos = dirs.map((d) => {
    const dir = resolve(d);
    const st = readStoredState(dir);
    if (!st) throw new SweepError(`${d} is not a sweep output folder (no ${FILES.state}/sweep.json)`);
    const shard: ShardSpec = st.shard ?? { index: 0, count: 1 };
    return { dir, arg: d, st, shard };
  });
  const hashes = new Set(infos.map((i) => i.st.hash));
  if (hashes.size > 1) {
    throw new SweepError(
      `the folders come from different sweeps:\n${infos.map((i) => `  ${i.arg}: sweep ${i.st.hash.slice(0, 12)}`).join('\n')}`,
    );
  }
  const counts = new Set(infos.map((i) => i.shard.count));
  if (counts.size > 1) {
    throw new SweepError(`the folders were sharded differently:\n${infos.map((i) => `  ${i.arg}: shard ${i.shard.index}/${i.shard.count}`).join('\n')}`);
  }
  const n = infos[0].shard.count;
  const seen = new Map<number, string>();
  for (const i of infos) {
    const prev = seen.get(i.shard.index);
    if (prev !== undefined) throw new SweepError(`shard ${i.shard.index}/${n} given twice: ${prev} and ${i.arg}`);
    seen.set(i.shard.index, i.arg);
  }
  const absent = Array.from({ length: n }, (_, k) => k).filter((k) => !seen.has(k));
  if (absent.length) throw new SweepError(`missing shard(s) ${absent.map((k) => `${k}/${n}`).join(', ')}`);
  for (const i of infos) {
    let status: string | undefined;
    try {
      status = (JSON.parse(readFileSync(join(i.dir, FILES.manifest), 'utf8')) as { status?: string }).status;
    } catch {
      status = undefined;
    }
    if (status !== 'complete') {
      throw new SweepError(`${i.arg}: shard ${i.shard.index}/${n} is not complete (status ${status ?? 'unknown'}); finish it with --resume first`);
    }
  }

  const sweep = await loadStoredSweep(infos[0].dir, opts.model ? { model: opts.model } : {});
  infos.sort((a, b) => a.shard.index - b.shard.index);
  const out = resolve(opts.out);
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new SweepError(`${opts.out} exists and is not empty; merge writes a new folder`);
  }
  const staging = createStagingDir(out);
  try {
    const fin = finaliseTables({
      sweep,
      sources: infos.map((i) => ({
        dir: i.dir,
        owns: (r: number) => ownsRun(r, n > 1 ? i.shard : null),
        label: `${i.arg} (shard ${i.shard.index}/${n})`,
      })),
      outDir: staging,
      mode: 'full',
      strict: true,
    });
    // The merged folder is itself a complete sweep folder: keep the definition and a merged journal.
    const paths = statePaths(staging);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(paths.state, { recursive: true });
    writeFileAtomicSync(
      paths.sweep,
      `${JSON.stringify({ format: 1, hash: sweep.hash, model: sweep.model.url, source: sweep.source, shard: null, created_at: startedAt, sweep: storedSweep(sweep) }, null, 2)}\n`,
    );
    const jw = new JournalWriter(paths.journal, 60_000);
    for (const i of infos) {
      scanJournal(statePaths(i.dir).journal, ({ rec }) => {
        const { series: _series, ...rest } = rec;
        jw.append(rest);
      });
    }
    jw.close();
    const mergedFrom = infos.map((i) => ({ dir: i.dir, shard: i.shard, runs: 0 }));
    for (const m of mergedFrom) {
      let c = 0;
      scanJournal(statePaths(m.dir).journal, () => c++);
      m.runs = c;
    }
    if (opts.extras !== false) {
      await writeSweepExtras(staging, sweep, fin, reportFacts(sweep, fin, [['Merged from', `${n} shard(s)`]]));
    }
    writeManifest(
      staging,
      buildManifest({
        sweep,
        status: 'complete',
        dir: out,
        shard: null,
        owned: sweep.totalRuns,
        done: fin.runs,
        ok: fin.ok,
        failed: fin.failed,
        failures: fin.failures,
        startedAt,
        finishedAt: new Date().toISOString(),
        elapsedSeconds: (performance.now() - t0) / 1000,
        files: fin.files,
        warnings: fin.warnings,
        mergedFrom,
      }),
    );
    publishDir(staging, out);
    opts.log?.(`merged ${n} shard(s), ${fin.runs} runs, into ${out}`);
    return { dir: out, runs: fin.runs, ok: fin.ok, failed: fin.failed, failures: fin.failures, files: fin.files, warnings: fin.warnings, sweepHash: sweep.hash };
  } catch (e) {
    discardStagingDir(staging);
    throw e;
  }
}
