/**
 * `collabsim sweep plan`: turn a sweep into scheduler jobs (Slurm job array +
 * merge job, or a Kubernetes Indexed Job + merge Job). See docs/cluster.md.
 */
import { type Command, Option } from 'commander';
import { resolve } from 'node:path';
import { resolvePlan, type Emit, type Plan, type PlanInput } from '../../experiment/plan/plan.ts';
import { PlanError } from '../../experiment/plan/errors.ts';
import { shardStatus } from '../../experiment/plan/status.ts';
import { slurmFilePaths, slurmManualSubmit, slurmResubmitCommand } from '../../experiment/plan/slurm.ts';
import { k8sFilePaths } from '../../experiment/plan/k8s.ts';
import { submitSlurm, writePlan } from '../../experiment/plan/write.ts';
import { loadSweep } from '../../experiment/load.ts';

interface PlanCliOptions {
  shards: string;
  emit: Emit;
  out?: string;
  results?: string;
  workersPerTask: string;
  time: string;
  mem: string;
  mergeTime: string;
  mergeMem?: string;
  maxConcurrent?: string;
  jobName?: string;
  partition?: string;
  account?: string;
  qos?: string;
  sbatchArg: string[];
  command?: string;
  setup: string[];
  submit?: boolean;
  status?: boolean;
  image: string;
  namespace?: string;
  pvc?: string;
  storage: string;
  storageClass?: string;
  backoffLimitPerIndex: string;
  containerHome: string;
  containerSweepFile?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function wholeNumber(value: string, flag: string): number {
  if (!/^\d+$/.test(value.trim())) throw new PlanError(`${flag} must be a whole number (got "${value}")`);
  return Number(value);
}

function int(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : wholeNumber(value, flag);
}

function shardNote(totalRuns: number, shards: number): string {
  const per = Math.ceil(totalRuns / shards);
  const warn = shards > totalRuns ? ` (warning: more shards than runs, so ${shards - totalRuns} shard(s) will have nothing to do)` : '';
  return `Sweep has ${totalRuns} runs: about ${per} per shard${warn}.\n`;
}

function list(indices: number[]): string {
  return indices.length ? indices.join(',') : '-';
}

function slurmSummary(plan: Plan, written: string[]): string {
  const f = slurmFilePaths(plan);
  const range = plan.shards === 1 ? '0' : `0-${plan.shards - 1}`;
  return [
    `Slurm plan for sweep "${plan.sweepName}": ${plan.shards} array tasks (${range}), ${plan.workersPerTask} worker(s) per task, --time=${plan.time} --mem=${plan.mem}`,
    ...written.map((p) => `  wrote ${p}`),
    '',
    'Submit (from the collabsim checkout, or export COLLABSIM_HOME):',
    `  bash ${f.submitScript}`,
    '  or by hand:',
    `  ${slurmManualSubmit(plan)}`,
    '',
    'Failed or timed-out tasks: finished shards are skipped, so re-submit just the others:',
    `  sbatch --array=<failed indices, e.g. 1,4> ${f.arrayScript}`,
    `  then queue the merge again: sbatch --dependency=afterok:<new array job id> ${f.mergeScript}`,
    `  or let the helper work out the indices and do both: bash ${f.resubmitScript}`,
    '  (see which shards are unfinished with the same plan command plus --status)',
    '',
    `Shard outputs: ${plan.resultsDir}/shard-<i>/   merged tables: ${plan.resultsDir}/merged/   logs: ${plan.logsDir}/`,
    '',
  ].join('\n');
}

function k8sSummary(plan: Plan, written: string[]): string {
  const f = k8sFilePaths(plan);
  const ns = plan.namespace ? ` -n ${plan.namespace}` : '';
  const applyAll = [f.pvc, f.shardsJob, f.mergeJob]
    .filter(Boolean)
    .map((p) => `-f ${p}`)
    .join(' ');
  return [
    `Kubernetes plan for sweep "${plan.sweepName}": Indexed Job with ${plan.shards} completions, parallelism ${Math.min(plan.maxConcurrent ?? plan.shards, plan.shards)}, backoffLimitPerIndex ${plan.backoffLimitPerIndex}, image ${plan.image}`,
    ...written.map((p) => `  wrote ${p}`),
    '',
    'Build and push the image (recipe in docs/cluster.md), then:',
    `  kubectl apply${ns} ${applyAll}`,
    `Progress: kubectl get job${ns} ${plan.k8sName}-shards -o jsonpath='{.status.completedIndexes} / failed: {.status.failedIndexes}'`,
    'Failed indexes after their retries: finished shards are skipped, so delete and re-apply the Indexed Job:',
    `  kubectl delete job${ns} ${plan.k8sName}-shards && kubectl apply${ns} -f ${f.shardsJob}`,
    '',
  ].join('\n');
}

function statusReport(plan: Plan, emit: Emit): string {
  if (emit === 'k8s') {
    // The shard manifests live on the cluster's volume; ask the Job instead.
    const ns = plan.namespace ? ` -n ${plan.namespace}` : '';
    return [
      `Shard status of sweep "${plan.sweepName}" is kept by the Indexed Job:`,
      `  kubectl get job${ns} ${plan.k8sName}-shards -o jsonpath='{.status.completedIndexes} / failed: {.status.failedIndexes}'`,
      'Re-run the unfinished shards (finished ones are skipped):',
      `  kubectl delete job${ns} ${plan.k8sName}-shards && kubectl apply${ns} -f ${k8sFilePaths(plan).shardsJob}`,
      '',
    ].join('\n');
  }
  const s = shardStatus(plan.resultsDir, plan.shards);
  const todo = [...s.partial, ...s.missing].sort((a, b) => a - b);
  const lines = [
    `Sweep "${plan.sweepName}", ${plan.shards} shards in ${plan.resultsDir}`,
    `  complete:            ${list(s.complete)}`,
    `  started, unfinished: ${list(s.partial)}`,
    `  not started:         ${list(s.missing)}`,
  ];
  if (todo.length === 0) {
    lines.push('All shards are complete.');
  } else {
    const f = slurmFilePaths(plan);
    lines.push(
      'Re-submit the unfinished shards:',
      `  ${slurmResubmitCommand(plan, todo)}`,
      `  then: sbatch --dependency=afterok:<that job id> ${f.mergeScript}`,
      `  or both at once: bash ${f.resubmitScript}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The scheduler settings, as resolvePlan takes them. */
function planInput(sweepFile: string, out: string, opts: PlanCliOptions): PlanInput {
  return {
    sweepFile,
    shards: wholeNumber(opts.shards, '--shards'),
    outDir: out,
    resultsDir: opts.results,
    workersPerTask: int(opts.workersPerTask, '--workers-per-task'),
    time: opts.time,
    mem: opts.mem,
    mergeTime: opts.mergeTime,
    mergeMem: opts.mergeMem,
    maxConcurrent: int(opts.maxConcurrent, '--max-concurrent'),
    jobName: opts.jobName,
    partition: opts.partition,
    account: opts.account,
    qos: opts.qos,
    sbatchArgs: opts.sbatchArg,
    command: opts.command,
    setup: opts.setup,
    image: opts.image,
    namespace: opts.namespace,
    pvc: opts.pvc,
    storage: opts.storage,
    storageClass: opts.storageClass,
    backoffLimitPerIndex: int(opts.backoffLimitPerIndex, '--backoff-limit-per-index'),
    containerHome: opts.containerHome,
    containerSweepFile: opts.containerSweepFile,
  };
}

/** The action of `sweep plan`: check the sweep, then report status, or write (and submit) the plan. */
async function planCommand(sweepFile: string, opts: PlanCliOptions): Promise<void> {
  // Validate the sweep here, in seconds, rather than in N queued jobs later.
  // Problems surface as InputError with file:line:column (printed by main).
  const sweep = await loadSweep(resolve(sweepFile));
  const name = sweep.spec.name;
  const out = opts.out ?? `results/${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}-${opts.emit}`;
  const input = planInput(sweepFile, out, opts);
  if (opts.submit && opts.emit !== 'slurm') throw new PlanError('--submit works with --emit slurm only; apply Kubernetes manifests with kubectl');
  if (opts.submit && opts.status) throw new PlanError('--submit and --status cannot be combined');
  const p = resolvePlan(input, process.cwd(), name);
  const note = shardNote(sweep.totalRuns, p.shards);
  if (opts.status) {
    process.stdout.write(statusReport(p, opts.emit));
    return;
  }
  const written = writePlan(p, opts.emit);
  process.stdout.write(note);
  process.stdout.write(opts.emit === 'slurm' ? slurmSummary(p, written) : k8sSummary(p, written));
  if (opts.submit) {
    const ids = submitSlurm(p);
    process.stdout.write(
      `Submitted array job ${ids.arrayJobId} (tasks 0-${p.shards - 1}) and merge job ${ids.mergeJobId} (--dependency=afterok:${ids.arrayJobId}).\n`,
    );
  }
}

/** The options of `sweep plan`. */
function addPlanOptions(plan: Command): Command {
  return plan
    .requiredOption('--shards <n>', 'number of shards (Slurm array tasks / Kubernetes completion indexes)')
    .addOption(new Option('--emit <scheduler>', 'what to write').choices(['slurm', 'k8s']).default('slurm'))
    .option('--out <dir>', 'directory for the plan (scripts, logs; shard outputs too unless --results) [default: results/<sweep name>-<scheduler>]')
    .option('--results <dir>', 'Slurm: where shard-<i>/ and merged/ are written, e.g. on scratch [default: --out]')
    .option('--workers-per-task <n>', 'worker threads in each task; also its --cpus-per-task / cpu request', '1')
    .option('--time <limit>', 'wall-clock limit per shard task (Slurm syntax: HH:MM:SS, D-HH:MM:SS, minutes)', '02:00:00')
    .option('--mem <size>', 'memory per shard task (e.g. 2G, 512M)', '2G')
    .option('--merge-time <limit>', 'wall-clock limit of the merge job', '00:30:00')
    .option('--merge-mem <size>', 'memory of the merge job [default: --mem]')
    .option('--max-concurrent <n>', 'run at most n shards at once (Slurm --array=...%n, Kubernetes parallelism)')
    .option('--job-name <name>', 'job name stem [default: cs-<sweep name> / collabsim-<sweep name>]')
    .option('--partition <name>', 'Slurm partition')
    .option('--account <name>', 'Slurm account to charge')
    .option('--qos <name>', 'Slurm quality of service')
    .option('--sbatch-arg <arg>', 'extra sbatch option written as "#SBATCH <arg>" (repeatable)', collect, [])
    .option('--command <cmd>', 'shell command that runs collabsim in the job [default: node "$COLLABSIM_HOME/bin/collabsim.mjs"]')
    .option('--setup <line>', 'shell line run before collabsim in each job, e.g. "module load nodejs/20" (repeatable)', collect, [])
    .option('--submit', 'Slurm: also submit the array and the merge job (sbatch) and print their job ids')
    .option('--status', 'write nothing; report which shards are finished and how to re-submit the rest')
    .option('--image <ref>', 'Kubernetes: container image with collabsim in --container-home', 'collabsim:latest')
    .option('--namespace <ns>', 'Kubernetes namespace')
    .option('--pvc <claim>', 'Kubernetes: existing ReadWriteMany claim for results (otherwise pvc.yaml is written)')
    .option('--storage <size>', 'Kubernetes: size of the claim in pvc.yaml', '10Gi')
    .option('--storage-class <name>', 'Kubernetes: storage class of the claim in pvc.yaml')
    .option('--backoff-limit-per-index <n>', 'Kubernetes: retries of each failed index', '2')
    .option('--container-home <dir>', 'Kubernetes: collabsim checkout inside the image', '/opt/collabsim')
    .option('--container-sweep-file <path>', 'Kubernetes: sweep file path inside the image [default: --container-home + path relative to here]');
}

/** Add `plan` under the `sweep` command. */
export function registerSweepPlan(sweep: Command): Command {
  // `sweep` has options of its own with the same names (--out, --results).
  // They must stop at the `plan` subcommand, which needs positional options
  // on `sweep` *and* on its parent: otherwise the program hands `plan` and
  // the file to `sweep` as operands, and `sweep` takes `--out` for itself.
  sweep.enablePositionalOptions();
  sweep.parent?.enablePositionalOptions();
  const plan = addPlanOptions(
    sweep
      .command('plan')
      .description('write batch scripts that run a sweep as N shards on Slurm or Kubernetes, plus a merge job')
      // A one-line hint rather than the long option list after an error.
      .showHelpAfterError('(run `collabsim sweep plan --help` for the options)')
      .argument('<sweep>', 'sweep file (YAML or JSON)'),
  )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  collabsim sweep plan scenarios/sweeps/grid.yaml --shards 20 --emit slurm --workers-per-task 4 --time 04:00:00 --submit',
        '  collabsim sweep plan scenarios/sweeps/grid.yaml --shards 20 --emit slurm --status',
        '  collabsim sweep plan scenarios/sweeps/grid.yaml --shards 20 --emit k8s --image registry.example.org/collabsim:1',
        '',
        'Task i runs `collabsim sweep <sweep> --shard i/N --out <results>/shard-i`; a shard whose',
        'manifest.json says "status": "complete" is skipped. The merge job runs',
        '`collabsim merge` over all shards into <results>/merged. Guide: docs/cluster.md',
      ].join('\n'),
    )
    .action(async function (this: Command, sweepFile: string, opts: PlanCliOptions) {
      try {
        await planCommand(sweepFile, opts);
      } catch (err) {
        if (err instanceof PlanError) this.error(`error: ${err.message}`, { exitCode: 2, code: 'collabsim.plan' });
        throw err;
      }
    });
  return plan;
}
