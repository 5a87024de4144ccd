/**
 * Build the workshop app into a self-contained static folder:
 *   index.html, workshop.js (the page, with the Web Worker's code and the
 *   preset scenario files inlined), workshop.css.
 * It works from file:// (the worker is started from a Blob URL) and from any
 * static server; nothing is fetched from the network.
 *
 *   tsx src/workshop/build.ts [--out workshop-dist] [--no-minify]
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { loadScenarioFile } from '../scenario/scenario-file.ts';
import { readProfile, SHIPPED_PROFILES } from '../scenario/profile.ts';
import type { ShippedProfiles } from './app/profiles.ts';
import { localitySchoolCount, ScenarioSchema } from './app/model-api.ts';
import { MAX_WORKSHOP_SCHOOLS, type PresetText } from './app/presets.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const APP = join(ROOT, 'src/workshop/app');
export const DEFAULT_OUT = join(ROOT, 'workshop-dist');

export interface BuildOptions {
  outDir?: string;
  minify?: boolean;
  /** Folder of preset scenario files (default: scenarios/ of the repository). */
  scenariosDir?: string;
  quiet?: boolean;
}

export interface BuildResult {
  outDir: string;
  files: { name: string; bytes: number }[];
  presets: string[];
}

const isProfiled = (doc: unknown): boolean => doc !== null && typeof doc === 'object' && 'profile' in doc;

/** The shipped parameter profiles (calibration/*.profile.yaml) by name, for the browser, which cannot read them. */
export function shippedProfileParameters(dir = SHIPPED_PROFILES): ShippedProfiles {
  if (!existsSync(dir)) return {};
  const out: ShippedProfiles = {};
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.profile.yaml')) continue;
    out[f.replace(/\.profile\.yaml$/, '')] = readProfile(join(dir, f)).profile.parameters;
  }
  return out;
}

/**
 * The scenario files shown as presets: every scenario file under scenarios/
 * (YAML or JSON), sorted by name. Files that are not valid scenarios (sweep
 * files, work in progress) are left out and listed in `skipped`.
 */
export function readPresets(dir: string, skipped: string[] = []): PresetText[] {
  const out: PresetText[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        walk(p, rel ? `${rel}/${name}` : name);
        continue;
      }
      if (!/\.(ya?ml|json)$/.test(name)) continue;
      const id = (rel ? `${rel}/` : '') + basename(name).replace(/\.(ya?ml|json)$/, '');
      const file = `scenarios/${rel ? `${rel}/` : ''}${name}`;
      const text = readFileSync(p, 'utf8');
      let why = '';
      try {
        const doc: unknown = parseYaml(text, { schema: 'core', merge: false });
        const r = ScenarioSchema.safeParse(isProfiled(doc) ? loadScenarioFile(p).raw : doc);
        if (!r.success) why = 'not a scenario';
        else {
          const n = r.data.schools.named?.length || (r.data.locality ? localitySchoolCount(r.data) : r.data.schools.count);
          if (n > MAX_WORKSHOP_SCHOOLS) why = `${n} schools, more than the workshop shows`;
        }
      } catch {
        why = 'not readable';
      }
      if (!why) out.push({ id, file, text });
      else skipped.push(`${file} (${why})`);
    }
  };
  walk(dir, '');
  return out;
}

/**
 * The three EQuaLLS localities as presets, for when no scenario file in
 * scenarios/ starts from them: ordinary scenario files that only name the
 * locality preset (src/model/mechanisms/locality/presets.ts fills in the rest).
 */
const LOCALITY_BUILTINS: { id: string; preset: string; question: string; description: string }[] = [
  {
    id: 'city',
    preset: 'city',
    question:
      'In a dense city area where about half the schools joined local and regional trusts early and the hubs are close by, how do trust and improvement develop?',
    description:
      'The EQuaLLS "first mover" locality (seed 003): about 78 primary schools, trusts grown from earlier partnerships, Maths and Teaching School Hubs in the area.',
  },
  {
    id: 'town',
    preset: 'town',
    question:
      'In a town where two thirds of schools are academies, many in non-local trusts, and the historic networks are gone, how do trust and improvement develop?',
    description: 'The EQuaLLS "recent mover" locality (seed 003): about 72 primary schools, over 40% in medium and large trusts, hubs outside the area.',
  },
  {
    id: 'shire',
    preset: 'shire',
    question: "In a rural shire of small, scattered schools with a strong heads' network and remote hubs, how do trust and improvement develop?",
    description:
      'The EQuaLLS "assimilator" locality (seed 003): about 64 small primary schools, few in large trusts, boundary spanners who sit on each other\'s boards.',
  },
];

function builtinText(b: (typeof LOCALITY_BUILTINS)[number]): string {
  return [
    '# Built into the workshop: the locality preset with its defaults (src/model/mechanisms/locality/presets.ts).',
    `name: ${b.id}`,
    `question: ${JSON.stringify(b.question)}`,
    `description: ${JSON.stringify(b.description)}`,
    'years: 5',
    'locality:',
    `  preset: ${b.preset}`,
    '',
  ].join('\n');
}

/** The `locality.preset` a scenario file names, if any. */
function localityPresetOf(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== 'object' || !('locality' in doc)) return undefined;
  const loc = doc.locality;
  if (loc === null || typeof loc !== 'object' || !('preset' in loc)) return undefined;
  return typeof loc.preset === 'string' ? loc.preset : undefined;
}

/** Built-in locality presets for City, Town and Shire that no scenario file provides (only when the schema has localities). */
export function builtinPresets(files: PresetText[]): PresetText[] {
  const used = new Set<string>();
  for (const f of files) {
    try {
      const p = localityPresetOf(parseYaml(f.text));
      if (p) used.add(p);
    } catch {
      /* not ours to judge here */
    }
  }
  const out: PresetText[] = [];
  for (const b of LOCALITY_BUILTINS) {
    if (used.has(b.preset) || files.some((f) => f.id === b.id)) continue;
    const text = builtinText(b);
    if (!ScenarioSchema.safeParse(parseYaml(text)).success) continue; // the schema has no localities yet
    out.push({ id: b.id, file: `(built in) ${b.id}.yaml`, text });
  }
  return out;
}

export async function buildWorkshop(opts: BuildOptions = {}): Promise<BuildResult> {
  const outDir = resolve(opts.outDir ?? DEFAULT_OUT);
  const minify = opts.minify ?? true;
  const skipped: string[] = [];
  const fromFiles = readPresets(opts.scenariosDir ?? join(ROOT, 'scenarios'), skipped);
  const presets = [...fromFiles, ...builtinPresets(fromFiles)];
  const common = {
    bundle: true,
    platform: 'browser' as const,
    target: ['es2022'],
    format: 'iife' as const,
    minify,
    legalComments: 'none' as const,
    logLevel: 'warning' as const,
    absWorkingDir: ROOT,
  };

  // 1. The Web Worker (the model), as a string.
  const worker = await build({
    ...common,
    entryPoints: [join(APP, 'worker.ts')],
    write: false,
    define: { __COLLABSIM_PRESETS__: JSON.stringify(presets), __COLLABSIM_PROFILES__: JSON.stringify(shippedProfileParameters()) },
    metafile: true,
  });
  assertNoNodeBuiltins(worker.metafile, 'worker');
  const workerCode = worker.outputFiles[0].text;

  // 2. The page, with the worker inlined.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const page = await build({
    ...common,
    entryPoints: { workshop: join(APP, 'main.ts') },
    outdir: outDir,
    define: { __COLLABSIM_WORKER__: JSON.stringify(workerCode) },
    metafile: true,
  });
  assertNoNodeBuiltins(page.metafile, 'page');

  // 3. Styles and the page shell.
  await build({ ...common, format: undefined, entryPoints: { workshop: join(APP, 'styles.css') }, outdir: outDir });
  writeFileSync(join(outDir, 'index.html'), readFileSync(join(APP, 'index.html'), 'utf8'));

  const files = readdirSync(outDir)
    .sort()
    .map((name) => ({ name, bytes: statSync(join(outDir, name)).size }));
  if (!opts.quiet) {
    for (const f of files) process.stdout.write(`  ${f.name.padEnd(16)} ${(f.bytes / 1024).toFixed(0).padStart(6)} KiB\n`);
    process.stdout.write(`built the workshop into ${outDir} (${presets.length} presets: ${presets.map((p) => p.id).join(', ')})\n`);
    if (skipped.length) process.stdout.write(`left out: ${skipped.join(', ')}\n`);
  }
  return { outDir, files, presets: presets.map((p) => p.id) };
}

/** The model must stay platform-free: fail the build if a Node built-in slipped into a browser bundle. */
function assertNoNodeBuiltins(meta: { inputs: Record<string, unknown> }, what: string): void {
  const bad = Object.keys(meta.inputs).filter((p) => p.startsWith('node:') || /(^|\/)src\/scenario\/load\.ts$/.test(p));
  if (bad.length) throw new Error(`the ${what} bundle pulls in Node-only code: ${bad.join(', ')}`);
}

function parseArgs(argv: string[]): BuildOptions {
  const o: BuildOptions = {};
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--out') o.outDir = argv[++k];
    else if (a.startsWith('--out=')) o.outDir = a.slice(6);
    else if (a === '--no-minify') o.minify = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: tsx src/workshop/build.ts [--out DIR] [--no-minify]\n');
      process.exit(0);
    } else {
      process.stderr.write(`unknown option ${a}\n`);
      process.exit(2);
    }
  }
  return o;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  buildWorkshop(parseArgs(process.argv.slice(2))).catch((e: Error) => {
    process.stderr.write(`workshop build failed: ${e.message}\n`);
    process.exit(1);
  });
}
