/**
 * Merging shard folders into one sweep folder whose tables are byte-identical
 * to an unsharded run of the same sweep (same finalisation code, same
 * canonical row order).
 *
 * Refused (SweepError) when: a folder is not a sweep folder; the folders come
 * from different sweeps (hash) or shard counts; a shard index is missing or
 * given twice; a run is missing, duplicated or found in the wrong shard.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createStagingDir, discardStagingDir, publishDir } from '../output/atomic.ts';
import { finaliseTables, type FailureInfo, type FileInfo } from './finalise.ts';
import { JournalWriter, scanJournal } from './journal.ts';
import { FILES, statePaths } from './layout.ts';
import { buildManifest, reportFacts, writeManifest, writeSweepExtras } from './outputs.ts';
import { loadStoredSweep, readManifest, readStoredState, writeStoredState, type StoredState } from './folder.ts';
import { ownsRun, type ShardSpec } from './shard.ts';
import { SweepError } from './errors.ts';
import type { LoadedSweep } from './load.ts';

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

interface ShardFolder {
  dir: string;
  /** The folder as given on the command line (for messages). */
  arg: string;
  st: StoredState;
  shard: ShardSpec;
}

function manifestStatus(dir: string): string | undefined {
  try {
    return readManifest(dir)?.status;
  } catch {
    return undefined;
  }
}

/** Read the shard folders and check they are the complete shards of one sweep; sorted by shard index. */
function readShardFolders(dirs: string[]): ShardFolder[] {
  const infos = dirs.map((d) => {
    const dir = resolve(d);
    const st = readStoredState(dir);
    if (!st) throw new SweepError(`${d} is not a sweep output folder (no ${FILES.state}/sweep.json)`);
    const shard: ShardSpec = st.shard ?? { index: 0, count: 1 };
    return { dir, arg: d, st, shard };
  });
  const hashes = new Set(infos.map((i) => i.st.hash));
  if (hashes.size > 1) {
    throw new SweepError(`the folders come from different sweeps:\n${infos.map((i) => `  ${i.arg}: sweep ${i.st.hash.slice(0, 12)}`).join('\n')}`);
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
    const status = manifestStatus(i.dir);
    if (status !== 'complete') {
      throw new SweepError(`${i.arg}: shard ${i.shard.index}/${n} is not complete (status ${status ?? 'unknown'}); finish it with --resume first`);
    }
  }
  return infos;
}

/**
 * The merged folder is itself a complete sweep folder: keep the definition
 * and a merged journal. Returns how many journal records each shard gave.
 */
function writeMergedState(staging: string, sweep: LoadedSweep, infos: ShardFolder[], startedAt: string): { dir: string; shard: ShardSpec; runs: number }[] {
  const paths = statePaths(staging);
  mkdirSync(paths.state, { recursive: true });
  writeStoredState(staging, sweep, null, startedAt);
  const jw = new JournalWriter(paths.journal, 60_000);
  for (const i of infos) {
    scanJournal(statePaths(i.dir).journal, ({ rec }) => {
      const { series: _series, ...rest } = rec;
      jw.append(rest);
    });
  }
  jw.close();
  return infos.map((i) => {
    let runs = 0;
    scanJournal(statePaths(i.dir).journal, () => runs++);
    return { dir: i.dir, shard: i.shard, runs };
  });
}

export async function mergeShards(dirs: string[], opts: MergeOptions): Promise<MergeResult> {
  if (dirs.length === 0) throw new SweepError('merge: give at least one shard folder');
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const infos = readShardFolders(dirs);
  const n = infos[0].shard.count;
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
    const mergedFrom = writeMergedState(staging, sweep, infos, startedAt);
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
    return {
      dir: out,
      runs: fin.runs,
      ok: fin.ok,
      failed: fin.failed,
      failures: fin.failures,
      files: fin.files,
      warnings: fin.warnings,
      sweepHash: sweep.hash,
    };
  } catch (e) {
    discardStagingDir(staging);
    throw e;
  }
}
