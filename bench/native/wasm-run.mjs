/**
 * Run bench/native/kernel.c built for WebAssembly (wasm32-wasi) in this Node
 * process: the same program, arguments and output as the native binary, the
 * network file's folder mapped to /net. Plain JavaScript, no tsx: nothing but
 * the module runs in the timed loop.
 *
 *   node --no-liftoff bench/native/wasm-run.mjs KERNEL.wasm NET.bin TICKS REPS MODE
 *
 * `--no-liftoff` compiles the module with V8's optimising tier from the start:
 * the steady state of a kernel that a run calls every tick. Without it V8
 * starts every function in its baseline tier and optimises it later, and this
 * program, which makes all its ticks in a few long calls, ran the national
 * kernel in 2.03 s rather than 1.58 s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WASI } from 'node:wasi';

const [wasmFile, netFile, ...rest] = process.argv.slice(2);
const wasi = new WASI({
  version: 'preview1',
  args: ['kernel', `/net/${path.basename(netFile)}`, ...rest],
  preopens: { '/net': path.dirname(path.resolve(netFile)) },
});
const module = await WebAssembly.compile(fs.readFileSync(wasmFile));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
