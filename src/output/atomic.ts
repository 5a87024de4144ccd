/**
 * Crash-safe file and folder writing: the project's one atomic writer, used
 * by run outputs, sweeps (tables, journal, manifests, exports), comparisons,
 * sweep plans and the benchmark.
 *
 * Two guarantees:
 *  - a single file written with `writeFileAtomic`, `writeFileAtomicSync` or
 *    streamed through an `AtomicWriter` is either the old content or the
 *    complete new content, never a truncated mix (temp file in the same
 *    directory, fsync, rename);
 *  - a whole output folder is built in a hidden staging sibling
 *    (`.<name>.partial-<pid>-<rand>`) and only renamed to its final name once
 *    every file in it has been written and flushed. A crash leaves at most a
 *    `.partial-` folder, which never looks like a finished run.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createSha256, type Sha256Hasher } from '../common/hash.ts';
import { errorCode } from '../common/errors.ts';

/** File that marks a published run folder as complete (written by `writeRun`). */
export const COMPLETE_MARKER = 'manifest.json';

function randomTag(): string {
  return randomBytes(4).toString('hex');
}

/** A fresh hidden temp name next to `filePath` (`.<name>.tmp-<pid>-<rand>`), on the same file system. */
export function tempPathFor(filePath: string): string {
  return path.join(path.dirname(filePath), `.${path.basename(filePath)}.tmp-${process.pid}-${randomTag()}`);
}

/** Pattern of the temp names made by tempPathFor (and a database's write-ahead log next to one). */
const TEMP_RE = /^\..+\.tmp-\d+-[0-9a-f]+(\.wal)?$/;

/**
 * Remove the temp files a killed writer left in `dir` and its immediate
 * subfolders. Only for a folder the caller holds the lock of, so no live
 * writer can own them. Returns how many were removed.
 */
export function removeStaleTemporaries(dir: string): number {
  let removed = 0;
  const sweepDir = (d: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isFile() && TEMP_RE.test(e.name)) {
        fs.rmSync(p, { force: true });
        removed++;
      } else if (e.isDirectory() && depth > 0 && !e.name.startsWith('.')) sweepDir(p, depth - 1);
    }
  };
  sweepDir(dir, 1);
  return removed;
}

/** Best-effort fsync of a directory so that renames inside it are durable. */
function fsyncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some platforms (Windows) and file systems refuse fsync on directories.
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* ignore */
      }
    }
  }
}

async function fsyncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // See fsyncDirSync.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Write `data` to `filePath` and flush it to disk, without the temp-and-rename
 * dance. Used inside a staging folder, where atomicity comes from the folder.
 */
async function writeFileDurable(filePath: string, data: string | Uint8Array): Promise<void> {
  const handle = await fsp.open(filePath, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Atomically replace `filePath` with `data`: write a temp file in the same
 * directory, fsync it, rename it over the target, then fsync the directory.
 * On failure the temp file is removed and the old file (if any) is untouched.
 */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(filePath);
  const tmp = tempPathFor(filePath);
  try {
    await writeFileDurable(tmp, data);
    await fsp.rename(tmp, filePath);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dir);
}

export interface AtomicSyncOptions {
  /**
   * fsync the file and its directory (default true). Without it the rename
   * still hides partial content from readers, but a power cut may lose the
   * file; for files whose size is checked on use (sweep series fragments).
   */
  durable?: boolean;
  /** File mode set before the rename (e.g. 0o755 for scripts). */
  mode?: number;
}

/** Synchronous twin of `writeFileAtomic`. */
export function writeFileAtomicSync(filePath: string, data: string | Uint8Array, opts: AtomicSyncOptions = {}): void {
  const durable = opts.durable ?? true;
  const tmp = tempPathFor(filePath);
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeFileSync(fd, data);
      if (durable) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (opts.mode !== undefined) fs.chmodSync(tmp, opts.mode);
    fs.renameSync(tmp, filePath);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  if (durable) fsyncDirSync(path.dirname(filePath));
}

/**
 * Publish a file that something else (e.g. DuckDB) wrote under a temp name
 * from `tempPathFor`: rename it over `filePath` and fsync the directory.
 */
export function renameIntoPlace(tmp: string, filePath: string): void {
  fs.renameSync(tmp, filePath);
  fsyncDirSync(path.dirname(filePath));
}

function writeAll(fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
}

/**
 * Streaming atomic file writer: text goes to a temp file in the target's
 * folder (buffered, written synchronously in large blocks), which is fsync'ed
 * and renamed over the target on `commit()`. Readers never see a partial file.
 * A SHA-256 of the bytes and a line count are kept as they are written.
 */
export class AtomicWriter {
  private fd: number;
  private readonly tmp: string;
  private chunks: string[] = [];
  private pending = 0;
  private readonly hash: Sha256Hasher = createSha256();
  private done = false;
  lines = 0;

  constructor(
    readonly file: string,
    private readonly blockSize = 1 << 20,
  ) {
    this.tmp = tempPathFor(file);
    this.fd = fs.openSync(this.tmp, 'w');
  }

  /** Append text (counting LFs as lines). */
  write(text: string): void {
    this.chunks.push(text);
    this.pending += text.length;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lines++;
    if (this.pending >= this.blockSize) this.flush();
  }

  /** Append raw bytes (counted as lines too). */
  writeBytes(buf: Buffer): void {
    this.flush();
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) this.lines++;
    this.hash.update(buf);
    writeAll(this.fd, buf);
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    const buf = Buffer.from(this.chunks.join(''), 'utf8');
    this.chunks = [];
    this.pending = 0;
    this.hash.update(buf);
    writeAll(this.fd, buf);
  }

  /** Flush, fsync, rename into place. Returns the SHA-256 (hex) of the content. */
  commit(): string {
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    renameIntoPlace(this.tmp, this.file);
    this.done = true;
    return this.hash.hex();
  }

  /** Drop the temp file. */
  abort(): void {
    if (this.done) return;
    try {
      fs.closeSync(this.fd);
    } catch {
      /* ignore */
    }
    fs.rmSync(this.tmp, { force: true });
    this.done = true;
  }
}

/** Pattern of staging and backup siblings created by this module. */
const PARTIAL_RE = /^\.(.+)\.(partial|old)-(\d+)-[0-9a-f]+$/;

/**
 * Create an empty hidden staging folder next to `finalDir`
 * (`<parent>/.<name>.partial-<pid>-<rand>`), creating the parent if needed.
 * Being a sibling keeps it on the same file system, so publishing is a rename.
 */
export function createStagingDir(finalDir: string): string {
  const abs = path.resolve(finalDir);
  const parent = path.dirname(abs);
  fs.mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(abs)}.partial-${process.pid}-${randomTag()}`);
  fs.mkdirSync(staging);
  return staging;
}

export interface PublishOptions {
  /**
   * Decide whether an existing `finalDir` may be replaced. Default: it is
   * empty or holds `manifest.json` (a run published earlier). Anything else is
   * left alone and publishing fails, so a typo cannot wipe an unrelated folder.
   */
  canReplace?: (existingDir: string) => boolean;
}

function defaultCanReplace(dir: string): boolean {
  const entries = fs.readdirSync(dir);
  return entries.length === 0 || entries.includes(COMPLETE_MARKER);
}

/**
 * Move a finished staging folder to `finalDir`.
 *
 * If `finalDir` does not exist this is a single rename. If it holds an earlier
 * complete run, that run is first renamed aside to a hidden `.old-` sibling,
 * the staging folder is renamed into place, and only then is the old copy
 * deleted; if the second rename fails the old run is put back. At no point
 * does `finalDir` hold a mixture of old and new files.
 */
export function publishDir(staging: string, finalDir: string, opts: PublishOptions = {}): void {
  const abs = path.resolve(finalDir);
  const parent = path.dirname(abs);
  fsyncDirSync(staging);
  let existing: fs.Stats | undefined;
  try {
    existing = fs.statSync(abs);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
  if (!existing) {
    fs.renameSync(staging, abs);
    fsyncDirSync(parent);
    return;
  }
  if (!existing.isDirectory()) {
    throw new Error(`publishDir: ${abs} exists and is not a directory`);
  }
  const canReplace = opts.canReplace ?? defaultCanReplace;
  if (!canReplace(abs)) {
    throw new Error(`publishDir: ${abs} exists and does not look like an earlier run (no ${COMPLETE_MARKER}); refusing to replace it`);
  }
  const backup = path.join(parent, `.${path.basename(abs)}.old-${process.pid}-${randomTag()}`);
  fs.renameSync(abs, backup);
  try {
    fs.renameSync(staging, abs);
  } catch (err) {
    fs.renameSync(backup, abs);
    throw err;
  }
  fsyncDirSync(parent);
  fs.rmSync(backup, { recursive: true, force: true });
}

/** Remove a staging folder (used when a write fails part-way). Never throws. */
export function discardStagingDir(staging: string): void {
  try {
    fs.rmSync(staging, { recursive: true, force: true });
  } catch {
    /* ignore */
  }
}

/**
 * Build a folder in staging and publish it only if `build` succeeds. On any
 * error the staging folder is deleted, `finalDir` is untouched, and the error
 * is rethrown.
 */
async function withStagingDir<T>(finalDir: string, build: (staging: string) => Promise<T>, opts?: PublishOptions): Promise<T> {
  const staging = createStagingDir(finalDir);
  try {
    const result = await build(staging);
    publishDir(staging, finalDir, opts);
    return result;
  } catch (err) {
    discardStagingDir(staging);
    throw err;
  }
}

/**
 * Build a folder atomically from files: clears stale staging folders left by
 * crashed writers, then hands `build` a `put(relativePath, data)` that starts
 * writing a file durably into a fresh staging folder (creating subfolders)
 * and returns at once, so that the writing and flushing of the files overlap
 * with each other and with the caller's next work. Once `build` resolves and
 * every file is written and flushed, the folder is published; if `build` or
 * any write fails, the writes still going are waited for, the staging folder
 * is removed and the first failure is thrown. Returns the paths written,
 * sorted.
 */
export async function publishFolder(
  finalDir: string,
  build: (put: (rel: string, data: string | Uint8Array) => void) => Promise<void>,
  opts?: PublishOptions,
): Promise<string[]> {
  removeStaleStagingDirs(finalDir);
  const written = await withStagingDir(
    finalDir,
    async (staging) => {
      const files: string[] = [];
      const writes: Promise<void>[] = [];
      const folders = new Map<string, Promise<unknown>>();
      const put = (rel: string, data: string | Uint8Array): void => {
        const file = path.join(staging, ...rel.split('/'));
        const folder = path.dirname(file);
        let made = folders.get(folder);
        if (!made) folders.set(folder, (made = fsp.mkdir(folder, { recursive: true })));
        writes.push(made.then(() => writeFileDurable(file, data)));
        files.push(rel);
      };
      let failure: { error: unknown } | undefined;
      try {
        await build(put);
      } catch (error) {
        failure = { error };
      }
      // Every write settled before the folder is published or removed.
      for (const r of await Promise.allSettled(writes)) if (!failure && r.status === 'rejected') failure = { error: r.reason };
      if (failure) throw failure.error;
      return files;
    },
    opts,
  );
  return written.sort();
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

/**
 * Tidy leftovers next to `finalDir` whose owning process is no longer running
 * (e.g. after a crash). Staging folders are deleted. A backup of an earlier
 * run is restored to `finalDir` if the crash came between the two renames of
 * `publishDir` (so `finalDir` is missing), and deleted otherwise. Returns the
 * leftover paths dealt with.
 */
export function removeStaleStagingDirs(finalDir: string): string[] {
  const abs = path.resolve(finalDir);
  const parent = path.dirname(abs);
  const name = path.basename(abs);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const m = PARTIAL_RE.exec(entry);
    if (!m || m[1] !== name) continue;
    if (processAlive(Number(m[3]))) continue;
    const p = path.join(parent, entry);
    if (m[2] === 'old' && !fs.existsSync(abs)) {
      fs.renameSync(p, abs);
    } else {
      discardStagingDir(p);
    }
    removed.push(p);
  }
  return removed;
}
