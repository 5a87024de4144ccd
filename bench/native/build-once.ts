/**
 * Build a file from a C source once per change: a stamp beside the output
 * records the source's modification time and the flags it was built with,
 * and `build` runs only when either differs (or the output is missing).
 * Shared by the native kernel (gcc) and its WebAssembly build (clang).
 */
import fs from 'node:fs';
import path from 'node:path';

export function buildOnce(src: string, out: string, flags: readonly string[], build: () => void): void {
  const stamp = `${out}.stamp`;
  const want = `${fs.statSync(src).mtimeMs} ${flags.join(' ')}`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (fs.existsSync(out) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return;
  build();
  fs.writeFileSync(stamp, want);
}
