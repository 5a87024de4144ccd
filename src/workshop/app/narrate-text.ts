/**
 * The words of the event log: what a log line is, when a tick happens in
 * school-year terms, heads' display names, and small helpers for phrasing.
 *
 * Platform-free: used by the Web Worker, the page and the Node tests.
 */
export type LogKind = 'event' | 'meeting' | 'up' | 'down' | 'turnover' | 'grade' | 'gate' | 'review' | 'setting';

export interface LogEntry {
  tick: number;
  /** "Year 2, Spring 1" */
  when: string;
  kind: LogKind;
  text: string;
  /** Leader slots involved (for highlighting). */
  heads?: number[];
  /** The one story of its half-term the log's highlights show (the most telling of the tick). */
  highlight?: boolean;
  /** The traced interaction a story tells (TRACE kind; actor did it to the targets; ok: kept, supported or taken well). */
  act?: { kind: number; actor: number; targets: number[]; ok: boolean };
}

const HALF_TERMS = ['Autumn 1', 'Autumn 2', 'Spring 1', 'Spring 2', 'Summer 1', 'Summer 2'];
const TERMS = ['Autumn', 'Spring', 'Summer'];

/** When tick t happens, in school-year words. Tick 0 is the start. */
export function whenLabel(tick: number, tpy: number): string {
  if (tick <= 0) return 'Start';
  const year = Math.floor((tick - 1) / tpy) + 1;
  const k = (tick - 1) % tpy;
  const part = tpy === 6 ? HALF_TERMS[k] : tpy === 3 ? TERMS[k] : tpy === 1 ? '' : `tick ${k + 1} of ${tpy}`;
  return part ? `Year ${year}, ${part}` : `Year ${year}`;
}

/** What one tick is called in the log. */
export function periodName(tpy: number): string {
  return tpy === 6 ? 'half-term' : tpy === 3 ? 'term' : tpy === 1 ? 'year' : 'tick';
}

/** Illustrative topics for challenges and admissions (the model does not track topics): examples, picked deterministically. */
const TOPICS = [
  'reading data',
  'maths results',
  'attendance figures',
  'SEND provision',
  'curriculum plan',
  'phonics outcomes',
  'behaviour policy',
  'writing moderation',
];

/** A deterministic example topic (the model has no topics). */
export function topic(tick: number, actor: number, target: number): string {
  return TOPICS[(tick * 31 + actor * 7 + target * 3) % TOPICS.length];
}

/** Names given to newcomers in a team, in turn. */
export const NEWCOMER_NAMES = ['Gita', 'Hal', 'Iris', 'Jon', 'Kez', 'Lou', 'Mo', 'Nia', 'Oz', 'Pia', 'Raj', 'Sam', 'Tess', 'Uma', 'Vic', 'Wyn'];

/** "Ann (open, candid)" -> "Ann". */
export function shortName(name: string): string {
  return name.replace(/\s*\(.*\)\s*$/, '').replace(/^Head of /, 'the head of ');
}

export const LEVEL_NAMES = ['trust', 'productive conflict', 'commitment', 'accountability', 'attention to results'];

export const f2 = (x: number) => x.toFixed(2);

/** "Ann, Ben and Cath". */
export function list(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

export function capitalise(e: LogEntry): LogEntry {
  return e.text ? { ...e, text: e.text[0].toUpperCase() + e.text.slice(1) } : e;
}
