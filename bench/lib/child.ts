/** Run a bench entry point in a fresh Node process (TypeScript through tsx) and parse its result line. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH_DIR, '..');

function resultLine<T>(entry: string, stdout: string, stderr: string, why: () => string): T {
  const line = stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!line) throw new Error(`${entry} failed (${why()}):\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice('@@RESULT '.length)) as T;
}

/** Run `entry` (under bench/) in a fresh process: TypeScript through tsx, or plain JavaScript (a bundle, `.mjs`) as it is. */
export function runChild<T>(entry: string, arg: unknown, opts: { nodeArgs?: string[]; timeoutMs?: number } = {}): T {
  const file = path.join(BENCH_DIR, entry);
  const loader = entry.endsWith('.mjs') ? [] : ['--import', 'tsx'];
  const res = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), ...loader, file, JSON.stringify(arg)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: opts.timeoutMs ?? 30 * 60 * 1000,
  });
  return resultLine<T>(entry, res.stdout ?? '', res.stderr ?? '', () => (res.error ? String(res.error) : `exit ${res.status} ${res.signal ?? ''}`));
}

/** runChild without waiting: several children at once (each its own process). */
export function runChildAsync<T>(entry: string, arg: unknown, opts: { nodeArgs?: string[] } = {}): Promise<T> {
  const file = path.join(BENCH_DIR, entry);
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', file, JSON.stringify(arg)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '',
    err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise<T>((resolve, reject) =>
    child.on('close', (code, signal) => {
      try {
        resolve(resultLine<T>(entry, out, err, () => `exit ${code} ${signal ?? ''}`));
      } catch (e) {
        reject(e);
      }
    }),
  );
}
