/**
 * A time-series recorder: a fixed set of series keys and one preallocated
 * row of values per observation, so observing allocates nothing.
 */
import type { SeriesKey, SeriesTable } from './contract.ts';

export class SeriesRecorder {
  readonly keys: SeriesKey[];
  readonly values: Float64Array;
  readonly rows: number;
  private readonly index = new Map<string, number>();

  constructor(
    keys: SeriesKey[],
    rows: number,
    readonly ticksPerYear: number,
    /** Model ticks between two rows (1: every tick); `ticksPerYear` is then rows per year. */
    readonly ticksPerRow = 1,
  ) {
    this.keys = keys;
    this.rows = rows;
    this.values = new Float64Array(rows * keys.length).fill(NaN);
    keys.forEach((k, i) => this.index.set(`${k.metric}@${k.level}`, i));
  }

  /** Column index of a key; throws for an unknown key (a programming error). */
  col(metric: string, level = 'all'): number {
    const i = this.index.get(`${metric}@${level}`);
    if (i === undefined) throw new Error(`unknown series ${metric}@${level}`);
    return i;
  }

  has(metric: string, level = 'all'): boolean {
    return this.index.has(`${metric}@${level}`);
  }

  set(row: number, col: number, value: number): void {
    this.values[row * this.keys.length + col] = value;
  }

  get(row: number, col: number): number {
    return this.values[row * this.keys.length + col];
  }

  table(): SeriesTable {
    const table: SeriesTable = { keys: this.keys, rows: this.rows, ticksPerYear: this.ticksPerYear, values: this.values };
    if (this.ticksPerRow !== 1) table.ticksPerRow = this.ticksPerRow;
    return table;
  }
}
