/**
 * Export of the sweep tables to a DuckDB database (`sweep.duckdb`) and to
 * Parquet (`parquet/<table>.parquet`), loaded from the CSV files with
 * explicit column types. Both are built under temporary names (from
 * output/atomic.ts) and renamed into place, so a crash never leaves a
 * half-written database.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { renameIntoPlace, tempPathFor } from '../output/atomic.ts';

export type ColumnType = 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'VARCHAR' | 'BOOLEAN';

export interface TableExport {
  /** Table name in DuckDB and Parquet file name. */
  name: string;
  /** CSV file to load. */
  csv: string;
  /** Column names and types, in CSV order. */
  columns: [string, ColumnType][];
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function ident(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Write `<dir>/sweep.duckdb` and `<dir>/parquet/*.parquet`; returns the row count of each table. */
export async function exportDuckDb(dir: string, tables: TableExport[]): Promise<Record<string, number>> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const dbFile = join(dir, 'sweep.duckdb');
  const tmpDb = tempPathFor(dbFile);
  const parquetDir = join(dir, 'parquet');
  mkdirSync(parquetDir, { recursive: true });
  rmSync(tmpDb, { force: true });
  rmSync(`${tmpDb}.wal`, { force: true });
  const counts: Record<string, number> = {};
  const instance = await DuckDBInstance.create(tmpDb);
  const parquetTmp: [string, string][] = [];
  try {
    const con = await instance.connect();
    try {
      for (const t of tables) {
        const cols = t.columns.map(([n, ty]) => `${sqlString(n)}: ${sqlString(ty)}`).join(', ');
        await con.run(
          `CREATE TABLE ${ident(t.name)} AS SELECT * FROM read_csv(${sqlString(t.csv)}, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', columns = {${cols}})`,
        );
        const r = await con.runAndReadAll(`SELECT count(*) AS n FROM ${ident(t.name)}`);
        counts[t.name] = Number(r.getRowsJS()[0][0]);
        const pq = join(parquetDir, `${t.name}.parquet`);
        const pqTmp = tempPathFor(pq);
        await con.run(`COPY ${ident(t.name)} TO ${sqlString(pqTmp)} (FORMAT parquet)`);
        parquetTmp.push([pqTmp, pq]);
      }
      await con.run('CHECKPOINT');
    } finally {
      con.closeSync();
    }
  } finally {
    instance.closeSync();
  }
  if (existsSync(`${tmpDb}.wal`)) rmSync(`${tmpDb}.wal`, { force: true });
  renameIntoPlace(tmpDb, dbFile);
  for (const [from, to] of parquetTmp) renameIntoPlace(from, to);
  return counts;
}
