/**
 * The run on screen as tidy CSV, written by the same code as `collabsim
 * run`'s timeseries.csv (run_id,seed,tick,year,metric,level,value), so a
 * run the room has not changed gives the same lines as the command line.
 */
import type { RunOutput } from '../../../engine/contract.ts';
import { timeseriesCsv } from '../../../output/csv.ts';
import type { RunData } from './run.ts';

export function runCsv(run: RunData, seed: number): { fileName: string; text: string } {
  const s = run.series();
  const out = { seed, series: { keys: s.keys, rows: s.rows, ticksPerYear: run.info.ticksPerYear, values: s.values } } as unknown as RunOutput;
  const runId = `${run.info.preset.name}-seed${seed}`;
  return { fileName: `${runId}-timeseries.csv`, text: timeseriesCsv(out, runId) };
}
