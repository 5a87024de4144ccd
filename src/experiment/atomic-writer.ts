/**
 * Streaming atomic file writer: text goes to a temp file in the target's
 * folder (buffered, written synchronously in large blocks), which is fsync'ed
 * and renamed over the target on `commit()`. Readers never see a partial file.
 * A sha256 of the bytes and a line count are kept as they are written.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fsyncDirSync } from '../output/atomic.ts';

export class AtomicWriter {
  private fd: number;
  private readonly tmp: string;
  private chunks: string[] = [];
  private pending = 0;
  private hash: Hash = createHash('sha256');
  private done = false;
  lines = 0;

  constructor(
    readonly file: string,
    private readonly blockSize = 1 << 20,
  ) {
    this.tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    this.fd = openSync(this.tmp, 'w');
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
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    const buf = Buffer.from(this.chunks.join(''), 'utf8');
    this.chunks = [];
    this.pending = 0;
    this.hash.update(buf);
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
  }

  /** Flush, fsync, rename into place. Returns the sha256 of the content. */
  commit(): string {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.tmp, this.file);
    fsyncDirSync(dirname(this.file));
    this.done = true;
    return this.hash.digest('hex');
  }

  /** Drop the temp file. */
  abort(): void {
    if (this.done) return;
    try {
      closeSync(this.fd);
    } catch {
      /* ignore */
    }
    rmSync(this.tmp, { force: true });
    this.done = true;
  }
}
