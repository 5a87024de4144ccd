/**
 * An index of the runs held by one or more journals (a sweep folder, or the
 * shards being merged): where each run's record is, a few bytes per run,
 * so the tables can read the records back one at a time in canonical order.
 * Refuses journals that hold runs of another sweep or sharding, duplicated
 * runs (strict) or miss runs that are expected.
 */
import type { LoadedSweep } from './load.ts';
import { scanJournal } from './journal.ts';
import { statePaths } from './layout.ts';
import { SweepError } from './errors.ts';

export interface JournalSource {
  /** Output folder holding state/journal.ndjson and state/series/. */
  dir: string;
  /** Runs this source may hold (a shard's share); default: all. */
  owns?: (run: number) => boolean;
  /** Name used in messages (e.g. `shard 2/3`). */
  label?: string;
}

export interface JournalIndex {
  /** Source of each run (-1: none). */
  srcOf: Int32Array;
  /** Byte offset and length of each run's record in its source's journal. */
  offsetOf: Float64Array;
  lengthOf: Int32Array;
  /** Metric keys of the first successful run, in its order. */
  firstOkKeys: string[];
  /** Every metric key reported by a successful run. */
  allKeys: Set<string>;
}

export interface IndexOptions {
  sweep: LoadedSweep;
  sources: JournalSource[];
  /** Runs that must be present. */
  expected: (run: number) => boolean;
  /** Reject duplicated runs and damaged journals instead of warning. */
  strict?: boolean;
  warnings: string[];
}

function listRuns(runs: number[], reps: number): string {
  const shown = runs.slice(0, 8).map((r) => `${Math.floor(r / reps)}:${r % reps}`);
  return shown.join(', ') + (runs.length > 8 ? `, ... (${runs.length} in all)` : '');
}

/** Scan every source's journal; the first record of a run wins. */
export function indexJournals(o: IndexOptions): JournalIndex {
  const total = o.sweep.totalRuns;
  const reps = o.sweep.replications;
  const index: JournalIndex = {
    srcOf: new Int32Array(total).fill(-1),
    offsetOf: new Float64Array(total),
    lengthOf: new Int32Array(total),
    firstOkKeys: [],
    allKeys: new Set<string>(),
  };
  const duplicates: number[] = [];
  const foreign: { run: number; source: string }[] = [];
  let firstOk = Infinity;
  o.sources.forEach((src, si) => {
    const scan = scanJournal(statePaths(src.dir).journal, ({ rec, offset, length }) => {
      const belongs =
        rec.run >= 0 && rec.run < total && rec.point === Math.floor(rec.run / reps) && rec.rep === rec.run % reps && (src.owns ? src.owns(rec.run) : true);
      if (!belongs) {
        foreign.push({ run: rec.run, source: src.label ?? src.dir });
        return;
      }
      if (index.srcOf[rec.run] >= 0) {
        duplicates.push(rec.run);
        return;
      }
      index.srcOf[rec.run] = si;
      index.offsetOf[rec.run] = offset;
      index.lengthOf[rec.run] = length;
      if (rec.status === 'ok' && rec.summary) {
        for (const [k] of rec.summary) index.allKeys.add(k);
        if (rec.run < firstOk) {
          firstOk = rec.run;
          index.firstOkKeys = rec.summary.map(([k]) => k);
        }
      }
    });
    if (scan.invalid > 0 || scan.tailBytes > 0) {
      const msg = `${src.label ?? src.dir}: ${scan.invalid + (scan.tailBytes > 0 ? 1 : 0)} damaged journal line(s) ignored`;
      if (o.strict) throw new SweepError(`${msg}; resume that sweep (--resume) to repair it before merging`);
      o.warnings.push(msg);
    }
  });
  if (foreign.length) {
    throw new SweepError(
      `${foreign.length} journal record(s) do not belong where they were found (first: run ${foreign[0].run} in ${foreign[0].source}); the folders are from a different sweep or sharding`,
    );
  }
  if (duplicates.length && o.strict) {
    throw new SweepError(`duplicated runs: ${listRuns(duplicates, reps)} appear more than once`);
  }
  const missing: number[] = [];
  for (let r = 0; r < total; r++) if (o.expected(r) && index.srcOf[r] < 0) missing.push(r);
  if (missing.length) throw new SweepError(`missing runs (point:rep): ${listRuns(missing, reps)}`);
  return index;
}
