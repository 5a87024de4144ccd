/**
 * Progress reporting for long jobs (sweeps, single runs).
 *
 * On a terminal: one line redrawn in place with a bar, done/total, rate and
 * ETA. Elsewhere (CI logs, files, pipes): a plain line every `intervalMs`
 * (default 10 s) or every 10% of the total, whichever comes first, plus a
 * final line, so logs stay short and readable.
 *
 * The rate and ETA leave out start-up (loading code, starting workers, the
 * first run's warm-up): the clock starts at the first finished item, and the
 * time per item is the mean over the items since then (the most recent
 * RATE_WINDOW items once there are more, by exponential smoothing, so a
 * sweep whose runs slow down is followed). No ETA is shown until
 * MIN_ITEMS_FOR_ETA items have finished after the first and SETTLE_FRACTION
 * of the time to the first item has passed since it: until then the first
 * batch of runs, finishing together on parallel workers, would read as an
 * absurd rate.
 */

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  total: number;
  /** What is being counted, e.g. `runs`, `ticks`. Shown after the count. */
  label?: string;
  stream?: ProgressStream;
  /** Force terminal (bar) or plain mode; default: the stream's isTTY. */
  tty?: boolean;
  /** Plain mode: at most one line per this many ms (default 10000), and one per 10%. */
  intervalMs?: number;
  /** Minimum ms between bar redraws on a terminal (default 100). */
  redrawMs?: number;
  /** Count already done before this session (resume): excluded from the rate. */
  initial?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export interface ProgressState {
  done: number;
  total: number;
  /** Items per second over this session, from the first finished item on (NaN until two have finished). */
  rate: number;
  /** Seconds left at the current rate (NaN while unknown: too few items finished yet). */
  etaSeconds: number;
  elapsedSeconds: number;
  /** Free text appended to the line (e.g. `2 failed`). */
  note?: string;
}

export interface Progress {
  /** Set the count of finished items. */
  update(done: number, note?: string): void;
  /** Add to the count of finished items (default 1). */
  tick(n?: number, note?: string): void;
  /** Current numbers. */
  state(): ProgressState;
  /** Print the final line (and end the redrawn line on a terminal). */
  done(note?: string): void;
  /** Stop without a final summary (e.g. when interrupted): just end the line. */
  stop(): void;
}

/** Items finished after the first one before an ETA is shown. */
const MIN_ITEMS_FOR_ETA = 2;
/** Share of the time to the first finished item that must pass after it before an ETA is shown. */
const SETTLE_FRACTION = 0.1;
/** Items the smoothed time per item spans once there are more (the mean over all of them before). */
const RATE_WINDOW = 50;

/** Smoothed seconds per item, timed from the first finished item (start-up left out). */
interface RateClock {
  /** Time of the first finished item (NaN before). */
  firstT: number;
  lastT: number;
  lastDone: number;
  /** Items finished after the first. */
  counted: number;
  /** Smoothed ms per item (NaN before two items). */
  msPerItem: number;
}

/** Account for the count reaching `done` at time `t`. */
function observe(c: RateClock, done: number, t: number, initial: number): void {
  if (Number.isNaN(c.firstT)) {
    if (done > initial) {
      c.firstT = t;
      c.lastT = t;
      c.lastDone = done;
    }
    return;
  }
  const dn = done - c.lastDone;
  if (dn <= 0) return;
  const sample = (t - c.lastT) / dn;
  c.counted += dn;
  // The mean over every item so far until RATE_WINDOW of them, then exponential smoothing over about that many.
  const w = Math.min(1, dn / Math.min(c.counted, RATE_WINDOW));
  c.msPerItem = Number.isNaN(c.msPerItem) ? sample : c.msPerItem + w * (sample - c.msPerItem);
  c.lastT = t;
  c.lastDone = done;
}

/** Seconds left for `left` items at time `t` (NaN until the rate has settled). */
function etaSeconds(c: RateClock, left: number, t: number, started: number): number {
  if (left <= 0) return 0;
  // Settled: enough items, and long enough since the first that one batch of parallel runs cannot pass for the rate.
  const settled = c.counted >= MIN_ITEMS_FOR_ETA && c.lastT - c.firstT >= SETTLE_FRACTION * (c.firstT - started);
  return settled && c.msPerItem > 0 ? Math.max(0, (left * c.msPerItem - (t - c.lastT)) / 1000) : NaN;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return '-';
  if (rate >= 100) return rate.toFixed(0);
  if (rate >= 10) return rate.toFixed(1);
  return rate.toFixed(2);
}

/** One progress line: count, percentage, rate, ETA and any note. */
function progressText(s: ProgressState, label: string): string {
  const pct = s.total > 0 ? Math.floor((100 * s.done) / s.total) : 100;
  const parts = [`${s.done}/${s.total} ${label}`, `${pct}%`, `${formatRate(s.rate)} ${label}/s`, `ETA ${formatDuration(s.etaSeconds)}`];
  if (s.note) parts.push(s.note);
  return parts.join('  ');
}

/** A bar and the progress text, fitted to the terminal's width. */
function barLine(s: ProgressState, label: string, columns: number | undefined): string {
  const cols = columns && columns > 40 ? columns : 80;
  const info = progressText(s, label);
  const width = Math.max(10, Math.min(40, cols - info.length - 4));
  const filled = s.total > 0 ? Math.round((width * Math.min(s.done, s.total)) / s.total) : width;
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
  return `${bar} ${info}`.slice(0, cols - 1);
}

export function createProgress(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  const tty = opts.tty ?? Boolean(stream.isTTY);
  const label = opts.label ?? 'items';
  const total = Math.max(0, opts.total);
  const initial = opts.initial ?? 0;
  const now = opts.now ?? (() => performance.now());
  const intervalMs = opts.intervalMs ?? 10_000;
  const redrawMs = opts.redrawMs ?? 100;
  const started = now();
  const clock: RateClock = { firstT: NaN, lastT: NaN, lastDone: initial, counted: 0, msPerItem: NaN };
  let done = initial;
  let note: string | undefined;
  let lastDraw = -Infinity;
  let lastPlain = started;
  let lastPlainDecile = total > 0 ? Math.floor((10 * initial) / total) : 0;
  let finished = false;
  let drewBar = false;

  const state = (): ProgressState => {
    const t = now();
    const rate = clock.msPerItem > 0 ? 1000 / clock.msPerItem : NaN;
    return { done, total, rate, etaSeconds: etaSeconds(clock, total - done, t, started), elapsedSeconds: (t - started) / 1000, ...(note ? { note } : {}) };
  };

  const drawBar = () => {
    stream.write(`\r${barLine(state(), label, stream.columns)}\x1b[K`);
    drewBar = true;
  };

  const plainLine = (prefix = '') => {
    stream.write(`${prefix}${progressText(state(), label)}\n`);
  };

  const maybeDraw = () => {
    if (finished) return;
    const t = now();
    if (tty) {
      if (t - lastDraw >= redrawMs || done >= total) {
        lastDraw = t;
        drawBar();
      }
      return;
    }
    const decile = total > 0 ? Math.floor((10 * done) / total) : 10;
    if (t - lastPlain >= intervalMs || (decile > lastPlainDecile && done < total)) {
      lastPlain = t;
      lastPlainDecile = decile;
      plainLine();
    }
  };

  return {
    update(n: number, nt?: string) {
      done = n;
      observe(clock, done, now(), initial);
      if (nt !== undefined) note = nt;
      maybeDraw();
    },
    tick(n = 1, nt?: string) {
      done += n;
      observe(clock, done, now(), initial);
      if (nt !== undefined) note = nt;
      maybeDraw();
    },
    state,
    done(nt?: string) {
      if (finished) return;
      if (nt !== undefined) note = nt;
      if (tty) {
        drawBar();
        stream.write('\n');
      } else {
        plainLine();
      }
      finished = true;
    },
    stop() {
      if (finished) return;
      if (tty && drewBar) stream.write('\n');
      finished = true;
    },
  };
}
