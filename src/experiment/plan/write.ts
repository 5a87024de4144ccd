/**
 * Writing a sweep plan's files (through the atomic writer) and submitting
 * the Slurm jobs: the array, then the merge job with `--dependency=afterok`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomicSync } from '../../output/atomic.ts';
import { errorCode, errorMessage } from '../../common/errors.ts';
import type { Emit, Plan } from './plan.ts';
import { PlanError } from './errors.ts';
import { parseSbatchJobId } from './syntax.ts';
import { slurmArrayScript, slurmFilePaths, slurmMergeScript, slurmResubmitScript, slurmSubmitScript } from './slurm.ts';
import { k8sFilePaths, k8sYaml } from './k8s.ts';

function writeText(path: string, text: string, executable = false): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomicSync(path, text, executable ? { mode: 0o755 } : {});
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
    if (errorCode(err) === 'ENOENT') throw new PlanError('sbatch not found: --submit needs the Slurm client tools on PATH');
    throw new PlanError(`sbatch failed for ${files.arrayScript}: ${errorMessage(err)}`);
  }
  const arrayJobId = parseSbatchJobId(arrayOut);
  let mergeOut: string;
  try {
    mergeOut = run('sbatch', ['--parsable', `--dependency=afterok:${arrayJobId}`, files.mergeScript]);
  } catch (err) {
    throw new PlanError(`sbatch failed for ${files.mergeScript} (array job ${arrayJobId} is queued): ${errorMessage(err)}`);
  }
  const mergeJobId = parseSbatchJobId(mergeOut);
  writeFileAtomicSync(join(plan.outDir, 'jobs.env'), `ARRAY_JOB_ID=${arrayJobId}\nMERGE_JOB_ID=${mergeJobId}\n`);
  return { arrayJobId, mergeJobId };
}
