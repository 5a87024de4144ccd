/** Run a bench entry point in a fresh Node process (TypeScript through tsx) and parse its result line. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH_DIR, '..');

export function runChild<T>(entry: string, arg: unknown, opts: { nodeArgs?: string[]; timeoutMs?: number } = {}): T {
  const file = path.join(BENCH_DIR, entry);
  const res = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', file, JSON.stringify(arg)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: opts.timeoutMs ?? 30 * 60 * 1000,
  });
  const line = (res.stdout ?? '').split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!line) {
    const why = res.error ? String(res.error) : `exit ${res.status} ${res.signal ?? ''}`;
    throw new Error(`${entry} failed (${why}):\n${(res.stderr ?? '').slice(-4000)}\n${(res.stdout ?? '').slice(-2000)}`);
  }
  return JSON.parse(line.slice('@@RESULT '.length)) as T;
}
