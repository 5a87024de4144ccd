/** The page's copy of one run: its static description, latest snapshot and all series rows so far. */
import type { Snapshot, StaticInfo } from '../protocol.ts';
import type { Point } from './charts.ts';

export class RunData {
  snap: Snapshot | null = null;
  rows = 0;
  private values: Float64Array;
  private schoolValues: Float64Array;
  private readonly nk: number;
  private readonly ns: number;
  private readonly cols = new Map<string, number>();

  constructor(public info: StaticInfo) {
    this.nk = info.keys.length;
    this.ns = info.schools.names.length;
    this.values = new Float64Array(64 * this.nk);
    this.schoolValues = new Float64Array(64 * this.ns);
    info.keys.forEach((k, i) => this.cols.set(`${k.metric}@${k.level}`, i));
  }

  /** New structure of the same run (same series keys). */
  setInfo(info: StaticInfo): void {
    this.info = info;
  }

  add(snap: Snapshot): void {
    this.snap = snap;
    const n = snap.rows.length / this.nk;
    const end = snap.rowStart + n;
    if (end * this.nk > this.values.length) {
      const cap = Math.max(end, this.values.length / this.nk) * 2;
      const v = new Float64Array(cap * this.nk);
      v.set(this.values);
      this.values = v;
      const sv = new Float64Array(cap * this.ns);
      sv.set(this.schoolValues);
      this.schoolValues = sv;
    }
    this.values.set(snap.rows, snap.rowStart * this.nk);
    this.schoolValues.set(snap.schoolRows, snap.rowStart * this.ns);
    this.rows = end;
  }

  col(metric: string, level = 'all'): number {
    return this.cols.get(`${metric}@${level}`) ?? -1;
  }

  value(row: number, metric: string): number {
    const c = this.col(metric);
    return c < 0 || row < 0 || row >= this.rows ? NaN : this.values[row * this.nk + c];
  }

  last(metric: string): number {
    for (let r = this.rows - 1; r >= 0; r--) {
      const v = this.value(r, metric);
      if (!Number.isNaN(v)) return v;
    }
    return NaN;
  }

  schoolEff(row: number, school: number): number {
    return row < 0 || row >= this.rows ? NaN : this.schoolValues[row * this.ns + school];
  }

  /** Points of some metrics (label per metric) for a line chart, from a row on. */
  points(metrics: { metric: string; label: string }[], from = 0, to = this.rows, out: Point[] = []): Point[] {
    const tpy = this.info.ticksPerYear;
    for (const m of metrics) {
      const c = this.col(m.metric);
      if (c < 0) continue;
      for (let r = from; r < to; r++) {
        const v = this.values[r * this.nk + c];
        if (!Number.isNaN(v)) out.push({ year: r / tpy, series: m.label, value: v });
      }
    }
    return out;
  }

  schoolPoints(labels: string[], from = 0): Point[] {
    const tpy = this.info.ticksPerYear;
    const out: Point[] = [];
    for (let sc = 0; sc < this.ns; sc++)
      for (let r = from; r < this.rows; r++) out.push({ year: r / tpy, series: labels[sc], value: this.schoolValues[r * this.ns + sc] });
    return out;
  }

  /** Plain copy of the series so far (for tests and downloads). */
  series(): { keys: StaticInfo['keys']; rows: number; values: number[] } {
    return { keys: this.info.keys, rows: this.rows, values: Array.from(this.values.subarray(0, this.rows * this.nk)) };
  }
}
