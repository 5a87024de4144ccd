// Which code the `collabsim` command runs (bin/collabsim.mjs), in one place
// so that the build (scripts/build-package.mjs) and the tests share it.
//
// - The installed package ships dist/ and no src/: the built JavaScript.
// - A clone runs its TypeScript sources through tsx, unless dist/ holds a
//   build of exactly these sources: `npm run build` writes the fingerprint
//   below into dist/source-stamp.json, and the command uses dist/ only while
//   the fingerprint of src/ (and of the build's settings) still matches. A
//   stale or partial dist/ is never used. The stamp also holds a signature of
//   the files' sizes and times, checked first: while no file has been
//   written since the build, their bytes are not read. COLLABSIM_FROM_SOURCE=1 forces the
//   sources. Plain node starts 0.6-0.8 s sooner than tsx, which matters
//   for national runs and for every short command; the build's bundle of
//   the command (dist/cli/main.bundle.js) another 0.1 s.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What the build reads besides src/ (the workshop is left out of the package). */
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'scripts/build-package.mjs', 'scripts/make-code-cache.mjs'];
export const STAMP_FILE = 'source-stamp.json';

function sourceFiles(root, dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (relative(root, p).split('\\').join('/') !== 'src/workshop') out.push(...sourceFiles(root, p));
    } else if (e.name.endsWith('.ts') || e.name.endsWith('.mjs')) out.push(p);
  }
  return out;
}

/** Every file the build reads: the sources it compiles or copies, and its settings. */
function stampedFiles(root) {
  return [...sourceFiles(root, join(root, 'src')), ...BUILD_INPUTS.map((f) => join(root, f)).filter((f) => existsSync(f))];
}

/** SHA-256 over the path and bytes of every source the build compiles or copies, and of its settings. */
export function sourceStamp(root) {
  const h = createHash('sha256');
  for (const f of stampedFiles(root)) {
    h.update(relative(root, f).split('\\').join('/'));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

/**
 * SHA-256 over the path, size, inode and modification and change times of
 * the same files: a quick check (4-9 ms, against 22-35 ms for sourceStamp,
 * measured in a clone) that none of them has been written since the build.
 * Writing a file sets its change time to the clock's time, which no tool can
 * set back, so the same signature means the same bytes; a different one (a
 * checkout that rewrote files with the same bytes, say) falls back to
 * sourceStamp.
 */
export function sourceStatSignature(root) {
  const h = createHash('sha256');
  for (const f of stampedFiles(root)) {
    const st = statSync(f, { bigint: true });
    h.update(`${relative(root, f).split('\\').join('/')}\0${st.size}\0${st.ino}\0${st.mtimeNs}\0${st.ctimeNs}\0`);
  }
  return h.digest('hex');
}

/** 'dist' or 'source': what a command started from `root` (the folder above bin/) runs. */
export function entryKind(root, env = process.env) {
  if (!existsSync(join(root, 'src', 'cli', 'main.ts'))) return 'dist';
  if (env.COLLABSIM_FROM_SOURCE === '1') return 'source';
  const stampPath = join(root, 'dist', STAMP_FILE);
  if (!existsSync(stampPath) || !existsSync(join(root, 'dist', 'cli', 'main.js'))) return 'source';
  try {
    const { stamp, files } = JSON.parse(readFileSync(stampPath, 'utf8'));
    if (files !== undefined && files === sourceStatSignature(root)) return 'dist';
    return stamp === sourceStamp(root) ? 'dist' : 'source';
  } catch {
    return 'source';
  }
}
