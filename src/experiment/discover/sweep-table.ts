/**
 * A finished sweep folder as discover reads it: the factors named in
 * manifest.json and the rows of runs.csv (written by table-columns.ts:
 * run, point, [label], rep, one column per factor, seed, status, error,
 * then one column per metric). Rows whose status is not `ok` are dropped
 * with a note.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SweepError } from '../errors.ts';
import { FILES } from '../layout.ts';
import { parseCsv } from './csv-read.ts';

/** A factor as manifest.json records it (outputs.ts `buildManifest`). */
export interface ManifestFactor {
  name: string;
  path?: string;
  levels?: (number | string | boolean)[];
  min?: number;
  max?: number;
}

export interface SweepTable {
  /** The sweep's name and design type, from the manifest. */
  name: string;
  designType: string;
  factors: ManifestFactor[];
  /** Header of runs.csv. */
  columns: string[];
  /** Metric columns: every column after `error`. */
  metrics: string[];
  /** Rows with status `ok`. */
  rows: string[][];
  /** Rows left out, and why. */
  notes: string[];
}

interface ManifestJson {
  kind?: string;
  name?: string;
  status?: string;
  design?: { type?: string };
  factors?: ManifestFactor[];
}

function readManifestJson(dir: string, shown: string): ManifestJson {
  const file = join(dir, FILES.manifest);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SweepError(`${shown}: no such folder`);
  if (!existsSync(file)) throw new SweepError(`${shown} is not a sweep output folder (no ${FILES.manifest})`);
  let m: ManifestJson;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as ManifestJson;
  } catch {
    throw new SweepError(`${shown}/${FILES.manifest} is not valid JSON`);
  }
  if (m.kind !== undefined && m.kind !== 'sweep')
    throw new SweepError(`${shown} holds a ${m.kind} folder, not a sweep: discover reads the runs.csv of a sweep`);
  if (!Array.isArray(m.factors) || m.factors.some((f) => typeof f?.name !== 'string'))
    throw new SweepError(`${shown}/${FILES.manifest} does not list the sweep's factors`);
  if (m.factors.length === 0) throw new SweepError(`${shown}: the sweep has no factors, so there is no parameter region to find`);
  return m;
}

/** "3 runs dropped (2 failed, 1 pending)" for the statuses other than ok; none when every row is ok. */
function droppedNote(statuses: Map<string, number>, total: number): string[] {
  const parts = [...statuses.entries()].filter(([s]) => s !== 'ok').map(([s, n]) => `${n} ${s || 'without a status'}`);
  const count = [...statuses.entries()].filter(([s]) => s !== 'ok').reduce((a, [, n]) => a + n, 0);
  return count ? [`${count} of ${total} runs dropped because their status is not ok (${parts.join(', ')})`] : [];
}

/** Read manifest.json and runs.csv of the sweep folder `dir` (`shown` names it in messages). */
export function readSweepTable(dir: string, shown = dir): SweepTable {
  const manifest = readManifestJson(dir, shown);
  const runsFile = join(dir, FILES.runs);
  if (!existsSync(runsFile)) throw new SweepError(`${shown} has no ${FILES.runs} (is the sweep finished? finish it with collabsim sweep --resume)`);
  const [columns, ...records] = parseCsv(readFileSync(runsFile, 'utf8'));
  const status = columns?.indexOf('status') ?? -1;
  const error = columns?.indexOf('error') ?? -1;
  if (!columns || status < 0 || error < 0) throw new SweepError(`${shown}/${FILES.runs} is not a sweep's runs table (no status and error columns)`);
  const factors = manifest.factors ?? [];
  const absent = factors.filter((f) => !columns.includes(f.name));
  if (absent.length) throw new SweepError(`${shown}/${FILES.runs} has no column for factor(s) ${absent.map((f) => f.name).join(', ')}`);
  const statuses = new Map<string, number>();
  const rows: string[][] = [];
  for (const r of records) {
    if (r.length !== columns.length) throw new SweepError(`${shown}/${FILES.runs}: a row has ${r.length} cells, the header ${columns.length}`);
    statuses.set(r[status], (statuses.get(r[status]) ?? 0) + 1);
    if (r[status] === 'ok') rows.push(r);
  }
  const notes = droppedNote(statuses, records.length);
  if (manifest.status && manifest.status !== 'complete') notes.push(`the sweep is not complete (status ${manifest.status}): only its finished runs are used`);
  if (rows.length === 0) throw new SweepError(`${shown}/${FILES.runs} has no run with status ok`);
  return {
    name: manifest.name ?? '',
    designType: manifest.design?.type ?? '',
    factors,
    columns,
    metrics: columns.slice(error + 1),
    rows,
    notes,
  };
}
