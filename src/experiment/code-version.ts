/**
 * The code version recorded in manifests and used in a sweep's identity:
 * the package version plus a short hash of the source files that determine
 * a run's results (model — its schema and simulate.ts included — engine, common). Editing the
 * model without bumping the version still changes the code version, so a
 * sweep never resumes or merges results from different code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../common/hash.ts';
import { CODE_VERSION } from '../model/simulate.ts';

const SRC = dirname(dirname(fileURLToPath(import.meta.url)));
const PARTS = ['model', 'engine', 'common'];
/**
 * The built package (dist/) ships no TypeScript sources: `npm run build`
 * computes the version from them and writes it here (dist/code-version.json),
 * so a run from the package records the same code version as one from the
 * clone it was built from. There is no such file in src/.
 */
const STAMP = join(SRC, 'code-version.json');

function files(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((f) => files(join(path, f)))
    .filter((f) => f.endsWith('.ts'));
}

let cached: string | undefined;

export function codeVersion(): string {
  if (cached) return cached;
  if (existsSync(STAMP)) return (cached = (JSON.parse(readFileSync(STAMP, 'utf8')) as { codeVersion: string }).codeVersion);
  const all = PARTS.flatMap((p) => files(join(SRC, p)));
  const text = all.map((f) => `${relative(SRC, f).split('\\').join('/')}\n${readFileSync(f, 'utf8')}`).join('\n');
  cached = `${CODE_VERSION}+${sha256Hex(text).slice(0, 12)}`;
  return cached;
}
