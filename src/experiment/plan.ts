/**
 * Sweep plans for cluster schedulers.
 *
 * A plan maps one sweep onto N shards (`collabsim sweep <file> --shard i/N`)
 * plus one merge step (`collabsim merge shard-0 .. shard-(N-1)`), and writes
 * what a scheduler needs to run them:
 *
 * - Slurm: a job-array batch script (task i runs shard i), a merge batch
 *   script submitted with `--dependency=afterok:<array job>`, a submit helper
 *   and a resubmit helper that re-runs only the shards that did not finish.
 * - Kubernetes: an Indexed Job (JOB_COMPLETION_INDEX is the shard index,
 *   per-index retries), a merge Job that waits for every shard, and a
 *   PersistentVolumeClaim for the shared results volume.
 *
 * We do not distribute work ourselves: the scheduler does. A shard is
 * "finished" when `<shard dir>/manifest.json` has `"status": "complete"`;
 * every emitted task checks that first and exits at once, so re-running a
 * whole array after a partial failure only repeats the missing shards.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import YAML from 'yaml';

/** The command each emitted Slurm task uses to run collabsim, by default. */
export const DEFAULT_SLURM_COMMAND = 'node "$COLLABSIM_HOME/bin/collabsim.mjs"';
/** Where the repository lives inside the container image (see docs/cluster.md). */
export const DEFAULT_CONTAINER_HOME = '/opt/collabsim';
/** Mount point of the shared results volume inside Kubernetes pods. */
export const K8S_RESULTS_MOUNT = '/results';

/** Matches the completion marker the sweep runner writes into manifest.json. */
const COMPLETE_GREP = `'"status"[[:space:]]*:[[:space:]]*"complete"'`;

export type Emit = 'slurm' | 'k8s';

export interface PlanInput {
  /** Path of the sweep file, as given on the command line. */
  sweepFile: string;
  /** Number of shards (array tasks / completion indexes), >= 1. */
  shards: number;
  /** Directory the plan files go into (scripts, manifests, logs). */
  outDir: string;
  /** Where shard-<i>/ and merged/ go (Slurm). Defaults to outDir. */
  resultsDir?: string;
  /** Worker threads inside each task; also the CPUs requested per task. Default 1. */
  workersPerTask?: number;
  /** Wall-clock limit per shard task, Slurm syntax ([D-]HH:MM:SS, MM:SS, minutes). Default 02:00:00. */
  time?: string;
  /** Memory per shard task, Slurm syntax (e.g. 2G, 512M; a bare number is MB). Default 2G. */
  mem?: string;
  /** Wall-clock limit of the merge step. Default 00:30:00. */
  mergeTime?: string;
  /** Memory of the merge step. Default: same as mem. */
  mergeMem?: string;
  /** Run at most this many shards at once (Slurm `--array=0-N%P`, k8s parallelism). */
  maxConcurrent?: number;
  /** Overrides the job name stem (default: cs-<sweep name>). */
  jobName?: string;
  // --- Slurm only
  partition?: string;
  account?: string;
  qos?: string;
  /** Extra sbatch options written as `#SBATCH <arg>` into both scripts. */
  sbatchArgs?: string[];
  /** Shell command that runs collabsim (default: DEFAULT_SLURM_COMMAND). */
  command?: string;
  /** Shell lines run before collabsim in each job (e.g. `module load nodejs/20`). */
  setup?: string[];
  // --- Kubernetes only
  image?: string;
  namespace?: string;
  /** Existing ReadWriteMany claim to use; when absent a pvc.yaml is emitted. */
  pvc?: string;
  /** Size requested by the emitted claim. Default 10Gi. */
  storage?: string;
  storageClass?: string;
  /** Retries per index before that index is marked failed. Default 2. */
  backoffLimitPerIndex?: number;
  /** Repository path inside the image. Default /opt/collabsim. */
  containerHome?: string;
  /** Path of the sweep file inside the image (default: containerHome + path relative to the cwd). */
  containerSweepFile?: string;
}

/** A fully resolved plan: every default applied, every path absolute. */
export interface Plan {
  sweepFile: string;
  sweepName: string;
  shards: number;
  outDir: string;
  resultsDir: string;
  logsDir: string;
  workersPerTask: number;
  time: string;
  mem: string;
  mergeTime: string;
  mergeMem: string;
  maxConcurrent?: number;
  jobName: string;
  partition?: string;
  account?: string;
  qos?: string;
  sbatchArgs: string[];
  command: string;
  setup: string[];
  image: string;
  namespace?: string;
  pvc?: string;
  storage: string;
  storageClass?: string;
  backoffLimitPerIndex: number;
  containerHome: string;
  /** Undefined when the sweep file lies outside the working directory and no path was given. */
  containerSweepFile?: string;
  k8sName: string;
}

export class PlanError extends Error {
  override name = 'PlanError';
}

// ------------------------------------------------------------------ helpers

/** Single-quote a string for POSIX shells. */
export function shq(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Lower-case DNS-1123 label: [a-z0-9-], starts and ends alphanumeric, at most `max` chars. */
export function dnsLabel(s: string, max = 52): string {
  let out = s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+/, '');
  out = out.slice(0, max).replace(/-+$/, '');
  return out || 'sweep';
}

function jobNameStem(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'sweep';
}

/**
 * Parse a Slurm time limit into seconds. Accepts the sbatch formats:
 * "minutes", "minutes:seconds", "hours:minutes:seconds", "days-hours",
 * "days-hours:minutes" and "days-hours:minutes:seconds".
 */
export function slurmTimeToSeconds(t: string): number {
  const s = t.trim();
  const bad = () => new PlanError(`invalid time limit "${t}": use minutes, MM:SS, HH:MM:SS or D-HH[:MM[:SS]]`);
  const num = (x: string) => {
    if (!/^\d+$/.test(x)) throw bad();
    return Number(x);
  };
  const dash = s.match(/^(\d+)-(.+)$/);
  if (dash) {
    const days = num(dash[1]);
    const parts = dash[2].split(':').map(num);
    if (parts.length > 3) throw bad();
    const [h = 0, m = 0, sec = 0] = parts;
    return ((days * 24 + h) * 60 + m) * 60 + sec;
  }
  const parts = s.split(':').map(num);
  if (parts.length === 1) return parts[0] * 60;
  if (parts.length === 2) return parts[0] * 60 + parts[1];
  if (parts.length === 3) return (parts[0] * 60 + parts[1]) * 60 + parts[2];
  throw bad();
}

/** Check a Slurm memory size (e.g. 2G, 512M, 4096) and return it normalised to upper-case units. */
export function checkSlurmMem(m: string): string {
  const match = m.trim().match(/^(\d+)([KMGT]?)B?$/i);
  if (!match) throw new PlanError(`invalid memory "${m}": use a number with an optional K, M, G or T suffix (e.g. 2G)`);
  return `${match[1]}${match[2].toUpperCase()}`;
}

/** Convert a Slurm memory size to a Kubernetes quantity (bare numbers are MB, as in sbatch). */
export function slurmMemToK8s(m: string): string {
  const norm = checkSlurmMem(m);
  const match = norm.match(/^(\d+)([KMGT]?)$/)!;
  return `${match[1]}${(match[2] || 'M')}i`;
}

/** Format an index list compactly for `--array`: [0,1,2,5,7,8] -> "0-2,5,7-8". */
export function formatIndexList(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Job id from `sbatch --parsable` output ("123" or "123;cluster"). */
export function parseSbatchJobId(stdout: string): string {
  const id = stdout.trim().split(/\r?\n/).pop()?.split(';')[0]?.trim() ?? '';
  if (!/^\d+$/.test(id)) throw new PlanError(`could not read a job id from sbatch output: ${JSON.stringify(stdout.trim())}`);
  return id;
}

/**
 * The sweep's name, read from the top-level `name` key of the YAML/JSON file;
 * falls back to the file name without extension.
 */
export function readSweepName(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PlanError(`cannot read sweep file ${file}: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    throw new PlanError(`sweep file ${file} is not valid YAML: ${(err as Error).message}`);
  }
  if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
    const name = (doc as Record<string, unknown>).name;
    if (typeof name === 'string' && name.trim()) return name.trim();
  }
  return basename(file, extname(file));
}

// ------------------------------------------------------------------ shard status

/** True when `<dir>/manifest.json` exists and has `"status": "complete"`. */
export function isShardComplete(dir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { status?: unknown };
    return manifest?.status === 'complete';
  } catch {
    return false;
  }
}

export interface ShardStatus {
  complete: number[];
  /** Started (manifest present) but not complete. */
  partial: number[];
  /** No manifest at all. */
  missing: number[];
}

export function shardDir(resultsDir: string, index: number): string {
  return join(resultsDir, `shard-${index}`);
}

export function shardStatus(resultsDir: string, shards: number): ShardStatus {
  const status: ShardStatus = { complete: [], partial: [], missing: [] };
  for (let i = 0; i < shards; i++) {
    const dir = shardDir(resultsDir, i);
    if (isShardComplete(dir)) status.complete.push(i);
    else if (existsSync(join(dir, 'manifest.json'))) status.partial.push(i);
    else status.missing.push(i);
  }
  return status;
}

// ------------------------------------------------------------------ resolve

function positiveInt(value: number | undefined, what: string, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) throw new PlanError(`${what} must be a whole number >= 1 (got ${value})`);
  return v;
}

/** Apply defaults, validate, and make every path absolute (relative to `cwd`). */
export function resolvePlan(input: PlanInput, cwd = process.cwd(), sweepName?: string): Plan {
  const sweepFile = resolve(cwd, input.sweepFile);
  const name = sweepName ?? readSweepName(sweepFile);
  const shards = positiveInt(input.shards, '--shards', 1);
  const workersPerTask = positiveInt(input.workersPerTask, '--workers-per-task', 1);
  const maxConcurrent = input.maxConcurrent === undefined ? undefined : positiveInt(input.maxConcurrent, '--max-concurrent', 1);
  const outDir = resolve(cwd, input.outDir);
  const resultsDir = resolve(cwd, input.resultsDir ?? input.outDir);
  const time = input.time ?? '02:00:00';
  const mergeTime = input.mergeTime ?? '00:30:00';
  slurmTimeToSeconds(time);
  slurmTimeToSeconds(mergeTime);
  const mem = checkSlurmMem(input.mem ?? '2G');
  const mergeMem = checkSlurmMem(input.mergeMem ?? mem);
  const backoffLimitPerIndex = input.backoffLimitPerIndex ?? 2;
  if (!Number.isInteger(backoffLimitPerIndex) || backoffLimitPerIndex < 0) {
    throw new PlanError(`--backoff-limit-per-index must be a whole number >= 0 (got ${input.backoffLimitPerIndex})`);
  }
  const containerHome = input.containerHome ?? DEFAULT_CONTAINER_HOME;
  let containerSweepFile = input.containerSweepFile;
  if (!containerSweepFile) {
    const rel = relative(cwd, sweepFile);
    if (!rel.startsWith('..') && !isAbsolute(rel)) {
      containerSweepFile = `${containerHome.replace(/\/+$/, '')}/${rel.split(sep).join('/')}`;
    }
  }
  return {
    sweepFile,
    sweepName: name,
    shards,
    outDir,
    resultsDir,
    logsDir: join(outDir, 'logs'),
    workersPerTask,
    time,
    mem,
    mergeTime,
    mergeMem,
    maxConcurrent,
    jobName: jobNameStem(input.jobName ?? `cs-${name}`),
    partition: input.partition,
    account: input.account,
    qos: input.qos,
    sbatchArgs: input.sbatchArgs ?? [],
    command: input.command?.trim() || DEFAULT_SLURM_COMMAND,
    setup: input.setup ?? [],
    image: input.image ?? 'collabsim:latest',
    namespace: input.namespace,
    pvc: input.pvc,
    storage: input.storage ?? '10Gi',
    storageClass: input.storageClass,
    backoffLimitPerIndex,
    containerHome,
    containerSweepFile,
    k8sName: dnsLabel(input.jobName ?? `collabsim-${name}`),
  };
}

// ------------------------------------------------------------------ Slurm

export interface SlurmFiles {
  arrayScript: string;
  mergeScript: string;
  submitScript: string;
  resubmitScript: string;
}

export function slurmFilePaths(plan: Plan): SlurmFiles {
  return {
    arrayScript: join(plan.outDir, 'sweep.sbatch'),
    mergeScript: join(plan.outDir, 'merge.sbatch'),
    submitScript: join(plan.outDir, 'submit.sh'),
    resubmitScript: join(plan.outDir, 'resubmit.sh'),
  };
}

function noWhitespace(path: string, what: string): void {
  if (/\s/.test(path)) throw new PlanError(`${what} "${path}" contains whitespace, which #SBATCH lines cannot carry; choose another --out`);
}

function arraySpec(plan: Plan, indices?: readonly number[]): string {
  const range = indices ? formatIndexList(indices) : plan.shards === 1 ? '0' : `0-${plan.shards - 1}`;
  return plan.maxConcurrent ? `${range}%${plan.maxConcurrent}` : range;
}

function commonSbatch(plan: Plan): string[] {
  const lines: string[] = [];
  if (plan.partition) lines.push(`#SBATCH --partition=${plan.partition}`);
  if (plan.account) lines.push(`#SBATCH --account=${plan.account}`);
  if (plan.qos) lines.push(`#SBATCH --qos=${plan.qos}`);
  for (const arg of plan.sbatchArgs) lines.push(`#SBATCH ${arg}`);
  return lines;
}

function preamble(plan: Plan): string[] {
  const lines = [
    'set -euo pipefail',
    '',
    '# Where the collabsim checkout lives on the cluster; by default the directory',
    '# sbatch was run from. Export COLLABSIM_HOME before submitting to override.',
    'COLLABSIM_HOME="${COLLABSIM_HOME:-${SLURM_SUBMIT_DIR:-$PWD}}"',
    'export COLLABSIM_HOME',
  ];
  if (plan.setup.length) lines.push('', '# Site set-up (from --setup)', ...plan.setup);
  lines.push(
    '',
    `run_collabsim() { ${plan.command} "$@"; }`,
    '',
    `SWEEP_FILE=${shq(plan.sweepFile)}`,
    `RESULTS_DIR=${shq(plan.resultsDir)}`,
    `SHARDS=${plan.shards}`,
  );
  return lines;
}

function completeTest(dirExpr: string): string {
  return `grep -Eqs ${COMPLETE_GREP} "${dirExpr}/manifest.json"`;
}

/** The job-array batch script: task i runs shard i/N. */
export function slurmArrayScript(plan: Plan): string {
  noWhitespace(plan.logsDir, 'log directory');
  const lines = [
    '#!/bin/bash',
    `# collabsim sweep "${plan.sweepName}": ${plan.shards} shards as one Slurm job array.`,
    '# Generated by `collabsim sweep plan`; submit with submit.sh next to this file,',
    '# which also queues the merge job (merge.sbatch) with --dependency=afterok.',
    `#SBATCH --job-name=${plan.jobName}`,
    `#SBATCH --array=${arraySpec(plan)}`,
    '#SBATCH --nodes=1',
    '#SBATCH --ntasks=1',
    `#SBATCH --cpus-per-task=${plan.workersPerTask}`,
    `#SBATCH --time=${plan.time}`,
    `#SBATCH --mem=${plan.mem}`,
    `#SBATCH --output=${plan.logsDir}/%x-%A_%a.out`,
    `#SBATCH --error=${plan.logsDir}/%x-%A_%a.err`,
    ...commonSbatch(plan),
    '',
    ...preamble(plan),
    'SHARD="${SLURM_ARRAY_TASK_ID:?run this script as a Slurm job array (sbatch --array)}"',
    'SHARD_DIR="$RESULTS_DIR/shard-$SHARD"',
    `WORKERS="\${SLURM_CPUS_PER_TASK:-${plan.workersPerTask}}"`,
    '',
    '# A shard that already finished is skipped, so resubmitting any part of the',
    '# array only repeats the work that is missing.',
    `if ${completeTest('$SHARD_DIR')}; then`,
    '  echo "collabsim: shard $SHARD/$SHARDS already complete in $SHARD_DIR; skipping"',
    '  exit 0',
    'fi',
    '# A shard that started but did not finish (failure, time limit) resumes.',
    'RESUME=""',
    'if [ -f "$SHARD_DIR/manifest.json" ] || [ -f "$SHARD_DIR/state/sweep.json" ]; then RESUME="--resume"; fi',
    '',
    'echo "collabsim: shard $SHARD/$SHARDS of sweep $SWEEP_FILE (job ${SLURM_ARRAY_JOB_ID:-?}_${SHARD}) on $(hostname) with $WORKERS worker(s)"',
    `run_collabsim sweep "$SWEEP_FILE" --shard \${SLURM_ARRAY_TASK_ID}/${plan.shards} --workers "$WORKERS" --out "$SHARD_DIR" $RESUME`,
    '',
  ];
  return lines.join('\n');
}

/** The merge batch script; submitted with --dependency=afterok on the array. */
export function slurmMergeScript(plan: Plan): string {
  noWhitespace(plan.logsDir, 'log directory');
  const lines = [
    '#!/bin/bash',
    `# collabsim sweep "${plan.sweepName}": merge the ${plan.shards} shard outputs.`,
    '# Generated by `collabsim sweep plan`; submit.sh queues it with',
    '# --dependency=afterok:<array job id>, so it starts only when every shard succeeded.',
    `#SBATCH --job-name=${plan.jobName}-merge`,
    '#SBATCH --nodes=1',
    '#SBATCH --ntasks=1',
    '#SBATCH --cpus-per-task=1',
    `#SBATCH --time=${plan.mergeTime}`,
    `#SBATCH --mem=${plan.mergeMem}`,
    `#SBATCH --output=${plan.logsDir}/%x-%j.out`,
    `#SBATCH --error=${plan.logsDir}/%x-%j.err`,
    '#SBATCH --kill-on-invalid-dep=yes',
    ...commonSbatch(plan),
    '',
    ...preamble(plan),
    '',
    'SHARD_DIRS=()',
    'NOT_DONE=()',
    'for ((i = 0; i < SHARDS; i++)); do',
    '  SHARD_DIRS+=("$RESULTS_DIR/shard-$i")',
    `  ${completeTest('$RESULTS_DIR/shard-$i')} || NOT_DONE+=("$i")`,
    'done',
    'if [ "${#NOT_DONE[@]}" -gt 0 ]; then',
    '  echo "collabsim: shards not complete: ${NOT_DONE[*]}; run resubmit.sh in the plan directory" >&2',
    '  exit 1',
    'fi',
    'echo "collabsim: merging $SHARDS shards into $RESULTS_DIR/merged"',
    'run_collabsim merge "${SHARD_DIRS[@]}" --out "$RESULTS_DIR/merged"',
    '',
  ];
  return lines.join('\n');
}

function submitCore(plan: Plan, files: SlurmFiles, arrayArg: string): string[] {
  return [
    `ARRAY_ID=$(sbatch --parsable ${arrayArg}${shq(files.arrayScript)})`,
    'ARRAY_ID=${ARRAY_ID%%;*}',
    `MERGE_ID=$(sbatch --parsable --dependency=afterok:\${ARRAY_ID} ${shq(files.mergeScript)})`,
    'MERGE_ID=${MERGE_ID%%;*}',
    `printf 'ARRAY_JOB_ID=%s\\nMERGE_JOB_ID=%s\\n' "$ARRAY_ID" "$MERGE_ID" >${shq(join(plan.outDir, 'jobs.env'))}`,
  ];
}

function homeCheck(plan: Plan): string[] {
  if (plan.command !== DEFAULT_SLURM_COMMAND) return [];
  return [
    'if [ ! -f "${COLLABSIM_HOME:-$PWD}/bin/collabsim.mjs" ]; then',
    '  echo "collabsim: ${COLLABSIM_HOME:-$PWD}/bin/collabsim.mjs not found; submit from the collabsim checkout or export COLLABSIM_HOME" >&2',
    '  exit 2',
    'fi',
  ];
}

/** Helper that submits the array and then the merge job with afterok. */
export function slurmSubmitScript(plan: Plan): string {
  const files = slurmFilePaths(plan);
  return [
    '#!/bin/bash',
    `# Submit the collabsim sweep "${plan.sweepName}" (${plan.shards} array tasks + merge).`,
    '# Run from the collabsim checkout (or export COLLABSIM_HOME first).',
    'set -euo pipefail',
    ...homeCheck(plan),
    `mkdir -p ${shq(plan.logsDir)}`,
    ...submitCore(plan, files, ''),
    `echo "array job $ARRAY_ID: tasks ${arraySpec(plan)}, logs in ${plan.logsDir}"`,
    'echo "merge job $MERGE_ID: runs after $ARRAY_ID succeeds (afterok)"',
    `echo "if tasks fail or time out: bash ${files.resubmitScript}"`,
    '',
  ].join('\n');
}

/** Helper that re-submits only the shards that are not complete, then the merge. */
export function slurmResubmitScript(plan: Plan): string {
  const files = slurmFilePaths(plan);
  const throttle = plan.maxConcurrent ? `%${plan.maxConcurrent}` : '';
  return [
    '#!/bin/bash',
    `# Re-submit the unfinished shards of the collabsim sweep "${plan.sweepName}", then the merge.`,
    '# Finished shards (manifest.json with "status": "complete") are left alone.',
    '# Pass --force to submit even while the previous array still has tasks queued or running.',
    'set -euo pipefail',
    `RESULTS_DIR=${shq(plan.resultsDir)}`,
    `SHARDS=${plan.shards}`,
    `JOBS_ENV=${shq(join(plan.outDir, 'jobs.env'))}`,
    'FORCE=0',
    '[ "${1:-}" = "--force" ] && FORCE=1',
    'if [ -f "$JOBS_ENV" ]; then',
    '  # shellcheck disable=SC1090',
    '  . "$JOBS_ENV"',
    '  if [ "$FORCE" = 0 ] && [ -n "${ARRAY_JOB_ID:-}" ] && [ -n "$(squeue -h -j "$ARRAY_JOB_ID" -o %i 2>/dev/null)" ]; then',
    '    echo "array job $ARRAY_JOB_ID still has tasks queued or running; wait for it (or pass --force)" >&2',
    '    exit 1',
    '  fi',
    'fi',
    ...homeCheck(plan),
    'TODO=()',
    'for ((i = 0; i < SHARDS; i++)); do',
    `  ${completeTest('$RESULTS_DIR/shard-$i')} || TODO+=("$i")`,
    'done',
    'if [ "${#TODO[@]}" -eq 0 ]; then',
    '  echo "all $SHARDS shards are complete"',
    '  if [ -n "${MERGE_JOB_ID:-}" ] && [ -n "$(squeue -h -j "$MERGE_JOB_ID" -o %i 2>/dev/null)" ]; then',
    '    echo "merge job $MERGE_JOB_ID is still queued or running"',
    '    exit 0',
    '  fi',
    `  MERGE_ID=$(sbatch --parsable ${shq(files.mergeScript)})`,
    '  echo "merge job ${MERGE_ID%%;*} submitted"',
    '  exit 0',
    'fi',
    '# The merge job queued with the failed array can never start; remove it.',
    'if [ -n "${MERGE_JOB_ID:-}" ]; then scancel "$MERGE_JOB_ID" 2>/dev/null || true; fi',
    'INDICES=$(IFS=,; echo "${TODO[*]}")',
    `mkdir -p ${shq(plan.logsDir)}`,
    `echo "re-submitting shards $INDICES of $SHARDS"`,
    ...submitCore(plan, files, `--array="$INDICES${throttle}" `),
    'echo "array job $ARRAY_ID: tasks $INDICES"',
    'echo "merge job $MERGE_ID: runs after $ARRAY_ID succeeds (afterok)"',
    '',
  ].join('\n');
}

/** The sbatch line that re-runs just the given array indices of this plan. */
export function slurmResubmitCommand(plan: Plan, indices: readonly number[]): string {
  const files = slurmFilePaths(plan);
  return `sbatch --array=${arraySpec(plan, indices)} ${shq(files.arrayScript)}`;
}

/** The two commands that submit the array and then the merge with afterok, for people who prefer typing them. */
export function slurmManualSubmit(plan: Plan): string {
  const files = slurmFilePaths(plan);
  return `jid=$(sbatch --parsable ${shq(files.arrayScript)}) && sbatch --dependency=afterok:\${jid%%;*} ${shq(files.mergeScript)}`;
}

// ------------------------------------------------------------------ Kubernetes

export interface K8sFiles {
  shardsJob: string;
  mergeJob: string;
  pvc?: string;
}

export function k8sFilePaths(plan: Plan): K8sFiles {
  const dir = join(plan.outDir, 'k8s');
  return {
    shardsJob: join(dir, 'shards-job.yaml'),
    mergeJob: join(dir, 'merge-job.yaml'),
    pvc: plan.pvc ? undefined : join(dir, 'pvc.yaml'),
  };
}

function claimName(plan: Plan): string {
  return plan.pvc ?? `${plan.k8sName}-results`;
}

function k8sMeta(plan: Plan, name: string, component: string): Record<string, unknown> {
  const meta: Record<string, unknown> = {
    name,
    labels: {
      'app.kubernetes.io/name': 'collabsim',
      'app.kubernetes.io/component': component,
      'collabsim/sweep': dnsLabel(plan.sweepName, 63),
    },
  };
  if (plan.namespace) meta.namespace = plan.namespace;
  return meta;
}

function k8sResultsRoot(plan: Plan): string {
  return `${K8S_RESULTS_MOUNT}/${dnsLabel(plan.sweepName, 63)}`;
}

function k8sVolume(plan: Plan) {
  return {
    volumes: [{ name: 'results', persistentVolumeClaim: { claimName: claimName(plan) } }],
    mount: [{ name: 'results', mountPath: K8S_RESULTS_MOUNT }],
  };
}

function k8sCli(plan: Plan): string {
  return `node ${plan.containerHome.replace(/\/+$/, '')}/bin/collabsim.mjs`;
}

/** The shell run by each pod of the Indexed Job. */
export function k8sShardCommand(plan: Plan): string {
  const root = k8sResultsRoot(plan);
  if (!plan.containerSweepFile) {
    throw new PlanError(
      `sweep file ${plan.sweepFile} is outside the current directory, so its path inside the image is unknown; ` +
        'run the plan from the collabsim checkout or pass --container-sweep-file',
    );
  }
  return [
    'set -eu',
    `dir="${root}/shard-$JOB_COMPLETION_INDEX"`,
    `if ${completeTest('$dir')}; then`,
    `  echo "collabsim: shard $JOB_COMPLETION_INDEX/${plan.shards} already complete; skipping"`,
    '  exit 0',
    'fi',
    'resume=""',
    'if [ -f "$dir/manifest.json" ] || [ -f "$dir/state/sweep.json" ]; then resume="--resume"; fi',
    `exec ${k8sCli(plan)} sweep ${shq(plan.containerSweepFile)} --shard "\${JOB_COMPLETION_INDEX}/${plan.shards}" --workers ${plan.workersPerTask} --out "$dir" $resume`,
  ].join('\n');
}

/** The shell of the merge Job's init container: wait until every shard is complete. */
export function k8sWaitCommand(plan: Plan): string {
  const root = k8sResultsRoot(plan);
  return [
    'set -eu',
    'while :; do',
    '  done_count=0',
    `  i=0; while [ "$i" -lt ${plan.shards} ]; do`,
    `    if ${completeTest(`${root}/shard-$i`)}; then done_count=$((done_count + 1)); fi`,
    '    i=$((i + 1))',
    '  done',
    `  echo "collabsim: $done_count of ${plan.shards} shards complete"`,
    `  [ "$done_count" -eq ${plan.shards} ] && break`,
    '  sleep 30',
    'done',
  ].join('\n');
}

/** The merge container's shell. */
export function k8sMergeCommand(plan: Plan): string {
  const root = k8sResultsRoot(plan);
  const dirs = Array.from({ length: plan.shards }, (_, i) => `${root}/shard-${i}`);
  // Long lists are built in the shell rather than spelled out.
  const dirArgs = plan.shards <= 16 ? dirs.join(' ') : '$dirs';
  const build =
    plan.shards <= 16
      ? []
      : [`dirs=""; i=0; while [ "$i" -lt ${plan.shards} ]; do dirs="$dirs ${root}/shard-$i"; i=$((i + 1)); done`];
  return ['set -eu', ...build, `exec ${k8sCli(plan)} merge ${dirArgs} --out ${root}/merged`].join('\n');
}

function resources(cpu: number, mem: string) {
  const m = slurmMemToK8s(mem);
  return { requests: { cpu: String(cpu), memory: m }, limits: { cpu: String(cpu), memory: m } };
}

/** The Kubernetes objects of the plan: Indexed Job, merge Job and (unless --pvc) a claim. */
export function k8sManifests(plan: Plan): { shardsJob: object; mergeJob: object; pvc?: object } {
  const vol = k8sVolume(plan);
  const env = [
    { name: 'COLLABSIM_HOME', value: plan.containerHome },
    { name: 'COLLABSIM_SHARDS', value: String(plan.shards) },
  ];
  const shardsJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: k8sMeta(plan, `${plan.k8sName}-shards`, 'shards'),
    spec: {
      completionMode: 'Indexed',
      completions: plan.shards,
      parallelism: Math.min(plan.maxConcurrent ?? plan.shards, plan.shards),
      backoffLimitPerIndex: plan.backoffLimitPerIndex,
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'collabsim', 'app.kubernetes.io/component': 'shards' } },
        spec: {
          restartPolicy: 'Never',
          activeDeadlineSeconds: slurmTimeToSeconds(plan.time),
          containers: [
            {
              name: 'shard',
              image: plan.image,
              command: ['/bin/sh', '-c', k8sShardCommand(plan)],
              env,
              resources: resources(plan.workersPerTask, plan.mem),
              volumeMounts: vol.mount,
            },
          ],
          volumes: vol.volumes,
        },
      },
    },
  };
  const mergeJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: k8sMeta(plan, `${plan.k8sName}-merge`, 'merge'),
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 2,
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'collabsim', 'app.kubernetes.io/component': 'merge' } },
        spec: {
          restartPolicy: 'Never',
          initContainers: [
            {
              name: 'wait-for-shards',
              image: plan.image,
              command: ['/bin/sh', '-c', k8sWaitCommand(plan)],
              volumeMounts: vol.mount,
            },
          ],
          containers: [
            {
              name: 'merge',
              image: plan.image,
              command: ['/bin/sh', '-c', k8sMergeCommand(plan)],
              env,
              resources: resources(1, plan.mergeMem),
              volumeMounts: vol.mount,
            },
          ],
          volumes: vol.volumes,
        },
      },
    },
  };
  if (plan.pvc) return { shardsJob, mergeJob };
  const pvcSpec: Record<string, unknown> = {
    accessModes: ['ReadWriteMany'],
    resources: { requests: { storage: plan.storage } },
  };
  if (plan.storageClass) pvcSpec.storageClassName = plan.storageClass;
  const pvc = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: k8sMeta(plan, claimName(plan), 'results'),
    spec: pvcSpec,
  };
  return { shardsJob, mergeJob, pvc };
}

function yamlDoc(header: string, obj: object): string {
  const comment = header
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n');
  return `${comment}\n${YAML.stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

/** The manifests as YAML text, keyed like k8sFilePaths. */
export function k8sYaml(plan: Plan): { shardsJob: string; mergeJob: string; pvc?: string } {
  const m = k8sManifests(plan);
  const ns = plan.namespace ? ` -n ${plan.namespace}` : '';
  const out: { shardsJob: string; mergeJob: string; pvc?: string } = {
    shardsJob: yamlDoc(
      `collabsim sweep "${plan.sweepName}": ${plan.shards} shards as an Indexed Job.\n` +
        'Pod i runs shard JOB_COMPLETION_INDEX/N; a failed index is retried on its own\n' +
        `(backoffLimitPerIndex, Kubernetes >= 1.29). Image recipe: docs/cluster.md.\n` +
        `Watch: kubectl get job${ns} ${plan.k8sName}-shards -o jsonpath='{.status.completedIndexes} {.status.failedIndexes}'`,
      m.shardsJob,
    ),
    mergeJob: yamlDoc(
      `collabsim sweep "${plan.sweepName}": merge Job. Its init container waits until every\n` +
        `shard's manifest.json says "status": "complete", then the shards are merged into\n` +
        `${k8sResultsRoot(plan)}/merged on the shared volume.`,
      m.mergeJob,
    ),
  };
  if (m.pvc) {
    out.pvc = yamlDoc(
      'Shared results volume for every shard pod and the merge pod. It must be\n' +
        'ReadWriteMany when pods land on different nodes; skip this file and pass\n' +
        '--pvc NAME to `collabsim sweep plan` to use a claim you already have.',
      m.pvc,
    );
  }
  return out;
}

// ------------------------------------------------------------------ writing and submitting

function writeText(path: string, text: string, executable = false): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (executable) chmodSync(path, 0o755);
}

/** Write the plan's files for one scheduler; returns the paths written. */
export function writePlan(plan: Plan, emit: Emit): string[] {
  mkdirSync(plan.outDir, { recursive: true });
  if (emit === 'slurm') {
    const files = slurmFilePaths(plan);
    mkdirSync(plan.logsDir, { recursive: true });
    writeText(files.arrayScript, slurmArrayScript(plan), true);
    writeText(files.mergeScript, slurmMergeScript(plan), true);
    writeText(files.submitScript, slurmSubmitScript(plan), true);
    writeText(files.resubmitScript, slurmResubmitScript(plan), true);
    return [files.arrayScript, files.mergeScript, files.submitScript, files.resubmitScript];
  }
  const files = k8sFilePaths(plan);
  const docs = k8sYaml(plan);
  writeText(files.shardsJob, docs.shardsJob);
  writeText(files.mergeJob, docs.mergeJob);
  const written = [files.shardsJob, files.mergeJob];
  if (files.pvc && docs.pvc) {
    writeText(files.pvc, docs.pvc);
    written.unshift(files.pvc);
  }
  return written;
}

export type Runner = (cmd: string, args: string[]) => string;

const defaultRunner: Runner = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

export interface SubmittedJobs {
  arrayJobId: string;
  mergeJobId: string;
}

/**
 * Submit the array, then the merge job with --dependency=afterok on it, and
 * record both ids in <out>/jobs.env (read by resubmit.sh).
 */
export function submitSlurm(plan: Plan, run: Runner = defaultRunner): SubmittedJobs {
  const files = slurmFilePaths(plan);
  mkdirSync(plan.logsDir, { recursive: true });
  let arrayOut: string;
  try {
    arrayOut = run('sbatch', ['--parsable', files.arrayScript]);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new PlanError('sbatch not found: --submit needs the Slurm client tools on PATH');
    throw new PlanError(`sbatch failed for ${files.arrayScript}: ${e.message}`);
  }
  const arrayJobId = parseSbatchJobId(arrayOut);
  let mergeOut: string;
  try {
    mergeOut = run('sbatch', ['--parsable', `--dependency=afterok:${arrayJobId}`, files.mergeScript]);
  } catch (err) {
    throw new PlanError(`sbatch failed for ${files.mergeScript} (array job ${arrayJobId} is queued): ${(err as Error).message}`);
  }
  const mergeJobId = parseSbatchJobId(mergeOut);
  writeFileSync(join(plan.outDir, 'jobs.env'), `ARRAY_JOB_ID=${arrayJobId}\nMERGE_JOB_ID=${mergeJobId}\n`);
  return { arrayJobId, mergeJobId };
}
