/**
 * The WebAssembly measurement (the performance issue's item 7: a WebAssembly
 * kernel only where a measurement shows at least twice the JavaScript
 * kernel's speed). The C reference kernel (kernel.c, the same rule bit for
 * bit) is built by clang for wasm32-wasi at -O3 and run by V8's optimising
 * tier in Node (wasm-run.mjs): what a kernel written for WebAssembly could
 * give at best in this engine, since a hand port (AssemblyScript, say) goes
 * through the same V8 back end and would not be better optimised than clang's.
 *
 * Needs clang, lld and a WASI C library (Debian: apt-get install clang lld
 * wasi-libc); without them the section says so and goes on.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR } from '../lib/child.ts';
import { buildOnce } from './build-once.ts';

export interface WasmKernel {
  wasm: string;
  /** The compiler and target, for the record. */
  cc: string;
}

export const WASM_FLAGS = ['--target=wasm32-wasi', '-O3', '-ffp-contract=off'];

/** The rule: a WebAssembly kernel is worth adopting only at this many times our kernel's speed. */
export const WASM_ADOPT_AT = 2;

/** A WASI sysroot: $WASI_SYSROOT, wasi-sdk's layout, or Debian's (wasi-libc: headers under /usr/include/wasm32-wasi). */
function sysroot(): string | null {
  const has = (root: string) =>
    fs.existsSync(path.join(root, 'include', 'wasm32-wasi', 'math.h')) || (root !== '/usr' && fs.existsSync(path.join(root, 'include', 'math.h')));
  for (const c of [process.env.WASI_SYSROOT, '/usr/share/wasi-sysroot', '/opt/wasi-sdk/share/wasi-sysroot', '/usr']) if (c && has(c)) return c;
  return null;
}

/** Build kernel.c for WebAssembly into bench/.build (once per source change), or say why not. */
export function buildWasmKernel(buildDir: string): WasmKernel | { absent: string } {
  const src = path.join(BENCH_DIR, 'native', 'kernel.c');
  const wasm = path.join(buildDir, 'kernel.wasm');
  let cc: string;
  try {
    cc = execFileSync('clang', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return { absent: 'clang not found (Debian: apt-get install clang lld wasi-libc)' };
  }
  const root = sysroot();
  if (!root) return { absent: 'no WASI C library found (Debian: apt-get install wasi-libc; or set WASI_SYSROOT)' };
  const flags = [...WASM_FLAGS, `--sysroot=${root}`];
  try {
    buildOnce(src, wasm, flags, () => execFileSync('clang', [...flags, '-o', wasm, src, '-lm'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' }));
  } catch (e) {
    const err = (e as { stderr?: string }).stderr ?? String(e);
    return { absent: `clang could not build for wasm32-wasi (needs lld and wasi-libc): ${err.split('\n')[0]}` };
  }
  return { wasm, cc: `${cc}, ${flags.filter((f) => !f.startsWith('--sysroot')).join(' ')}` };
}

/**
 * Run the WebAssembly kernel on an exported network: the same JSON line as the
 * native binary prints, or null (with a line saying why) when it fails, so a
 * failure leaves the rest of the section measured.
 */
export function runWasmKernel(k: WasmKernel, file: string, ticks: number, reps: number): { bestMs: number; hash: number; updates: number } | null {
  try {
    const out = execFileSync(
      process.execPath,
      ['--no-warnings', '--no-liftoff', path.join(BENCH_DIR, 'native', 'wasm-run.mjs'), k.wasm, file, String(ticks), String(reps), 'kernel'],
      { encoding: 'utf8', maxBuffer: 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return JSON.parse(out) as { bestMs: number; hash: number; updates: number };
  } catch (e) {
    const err = (e as { stderr?: string }).stderr || String(e);
    console.log(`WebAssembly kernel failed on ${path.basename(file)}: ${err.trim().split('\n')[0]}`);
    return null;
  }
}
