/**
 * Sweep plans for cluster schedulers: the settings of a plan, with defaults
 * applied and checked (resolvePlan). The scripts and manifests are written by
 * slurm.ts and k8s.ts, to disk by write.ts.
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
import { readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import YAML from 'yaml';
import { errorMessage, isRecord } from '../../common/errors.ts';
import { PlanError } from './errors.ts';
import { checkSlurmMem, dnsLabel, jobNameStem, slurmTimeToSeconds } from './syntax.ts';

/** The command each emitted Slurm task uses to run collabsim, by default. */
export const DEFAULT_SLURM_COMMAND = 'node "$COLLABSIM_HOME/bin/collabsim.mjs"';
/** Where the repository lives inside the container image (see docs/cluster.md). */
const DEFAULT_CONTAINER_HOME = '/opt/collabsim';
/** Mount point of the shared results volume inside Kubernetes pods. */
export const K8S_RESULTS_MOUNT = '/results';

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

/**
 * The sweep's name, read from the top-level `name` key of the YAML/JSON file;
 * falls back to the file name without extension.
 */
function readSweepName(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PlanError(`cannot read sweep file ${file}: ${errorMessage(err)}`);
  }
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    throw new PlanError(`sweep file ${file} is not valid YAML: ${errorMessage(err)}`);
  }
  if (isRecord(doc)) {
    const name = doc.name;
    if (typeof name === 'string' && name.trim()) return name.trim();
  }
  return basename(file, extname(file));
}

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
