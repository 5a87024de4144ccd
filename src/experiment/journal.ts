/**
 * The run journal: an append-only file with one line per finished run.
 *
 * It is the sweep's source of truth while it runs. Each line is
 *
 *   <first 16 hex digits of sha256(json)> TAB <json> LF
 *
 * so a line cut short by a crash (SIGKILL, power loss) fails its check and is
 * dropped, and every line that passes is a complete record. Lines are written
 * with one write() call each and fsync'ed periodically and at the end.
 * Resume rewrites the journal (atomically) with only the valid records, so a
 * torn tail never gets glued to the next record.
 */
import { closeSync, existsSync, fsyncSync, openSync, readSync, writeSync, fstatSync } from 'node:fs';
import { sha256Hex } from '../common/hash.ts';
import { AtomicWriter } from '../output/atomic.ts';

export type RunStatus = 'ok' | 'failed';

export interface RunRecord {
  /** Run index in the canonical run list: point * replications + rep. */
  run: number;
  point: number;
  rep: number;
  seed: number;
  status: RunStatus;
  /** Error message of a failed run. */
  error?: string;
  /** Final metrics in model order; non-finite values as the strings NaN, Infinity, -Infinity. */
  summary?: [string, number | string][];
  /** The run's time series file (in the series folder) and its size, when kept. */
  series?: { file: string; bytes: number };
  /** Wall time of the run in ms (informational; never written to the tables). */
  ms?: number;
}

const HASH_LEN = 16;

function lineHash(json: string): string {
  return sha256Hex(json).slice(0, HASH_LEN);
}

export function encodeNumber(x: number): number | string {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

export function decodeNumber(x: number | string): number {
  return typeof x === 'number' ? x : Number(x);
}

/** One checked line: the record as JSON behind the first hex digits of its hash. */
export function encodeRecord(rec: object): string {
  const json = JSON.stringify(rec);
  return `${lineHash(json)}\t${json}\n`;
}

/** The JSON value of a checked line (without its LF); null when the line is torn or corrupt. */
export function decodeChecked(line: string): unknown {
  const tab = line.indexOf('\t');
  if (tab !== HASH_LEN) return null;
  const json = line.slice(tab + 1);
  if (lineHash(json) !== line.slice(0, tab)) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
}

/** Parse one line (without its LF); null when it is not a complete, valid run record. */
function decodeLine(line: string): RunRecord | null {
  const rec = decodeChecked(line) as RunRecord | null;
  if (!rec || typeof rec !== 'object') return null;
  if (!Number.isInteger(rec.run) || !Number.isInteger(rec.point) || !Number.isInteger(rec.rep)) return null;
  if (rec.status !== 'ok' && rec.status !== 'failed') return null;
  return rec;
}

export interface ScannedLine {
  rec: RunRecord;
  /** Byte offset of the line in the file. */
  offset: number;
  /** Length in bytes including the LF. */
  length: number;
}

export interface ScanResult {
  /** Lines that passed their check. */
  valid: number;
  /** Lines that failed (torn or corrupt). */
  invalid: number;
  /** Bytes after the last LF (an unterminated final line). */
  tailBytes: number;
}

/**
 * Read a journal line by line (streaming, constant memory), calling `onLine`
 * for every valid record.
 */
export function scanJournal(file: string, onLine: (l: ScannedLine) => void): ScanResult {
  return scanLines(file, decodeLine, onLine);
}

/** Read a file of checked lines, calling `onLine` for every line `decode` accepts (streaming, constant memory). */
export function scanLines<T>(file: string, decode: (line: string) => T | null, onLine: (l: { rec: T; offset: number; length: number }) => void): ScanResult {
  const res: ScanResult = { valid: 0, invalid: 0, tailBytes: 0 };
  if (!existsSync(file)) return res;
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let carry: Buffer = Buffer.alloc(0);
    let carryOffset = 0;
    let pos = 0;
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, pos);
      if (n <= 0) break;
      pos += n;
      let buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(10, start);
        if (nl < 0) break;
        const text = buf.toString('utf8', start, nl);
        const rec = decode(text);
        if (rec) {
          res.valid++;
          onLine({ rec, offset: carryOffset + start, length: nl - start + 1 });
        } else res.invalid++;
        start = nl + 1;
      }
      carryOffset += start;
      carry = Buffer.from(buf.subarray(start));
      buf = Buffer.alloc(0);
    }
    res.tailBytes = carry.length;
  } finally {
    closeSync(fd);
  }
  return res;
}

/** Read one record at a known position (from scanJournal). */
export function readRecordAt(fd: number, offset: number, length: number): RunRecord {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, offset + got);
    if (n <= 0) throw new Error(`journal: unexpected end of file at byte ${offset + got}`);
    got += n;
  }
  const rec = decodeLine(buf.toString('utf8', 0, length - 1));
  if (!rec) throw new Error(`journal: record at byte ${offset} failed its check`);
  return rec;
}

/** Appends records; fsyncs at most every `syncEveryMs` and on `sync()`/`close()`. */
export class JournalWriter {
  private fd: number;
  private lastSync = performance.now();
  private dirty = false;

  constructor(
    readonly file: string,
    private readonly syncEveryMs = 1000,
  ) {
    this.fd = openSync(file, 'a');
  }

  append(rec: object): void {
    const line = Buffer.from(encodeRecord(rec), 'utf8');
    let off = 0;
    while (off < line.length) off += writeSync(this.fd, line, off, line.length - off);
    this.dirty = true;
    if (performance.now() - this.lastSync >= this.syncEveryMs) this.sync();
  }

  sync(): void {
    if (!this.dirty) return;
    fsyncSync(this.fd);
    this.dirty = false;
    this.lastSync = performance.now();
  }

  close(): void {
    if (this.fd < 0) return;
    this.sync();
    closeSync(this.fd);
    this.fd = -1;
  }

  get size(): number {
    return fstatSync(this.fd).size;
  }
}

/**
 * Rewrite the journal keeping only the valid records `keep` accepts (first
 * record per run wins), atomically. Returns the kept records' run indices and
 * how many lines were dropped.
 */
export function compactJournal(file: string, keep: (rec: RunRecord) => boolean): { kept: number; dropped: number; torn: boolean } {
  const seen = new Set<number>();
  let kept = 0;
  let dropped = 0;
  const out = new AtomicWriter(file);
  let scan: ScanResult;
  try {
    scan = scanJournal(file, ({ rec }) => {
      if (seen.has(rec.run) || !keep(rec)) {
        dropped++;
        return;
      }
      seen.add(rec.run);
      out.write(encodeRecord(rec));
      kept++;
    });
  } catch (e) {
    out.abort();
    throw e;
  }
  out.commit();
  return { kept, dropped: dropped + scan.invalid + (scan.tailBytes > 0 ? 1 : 0), torn: scan.tailBytes > 0 || scan.invalid > 0 };
}
