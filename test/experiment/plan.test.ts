/** Sweep plans for Slurm and Kubernetes: settings, the emitted scripts and manifests, shard status and submission. */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { DEFAULT_SLURM_COMMAND, resolvePlan, type Plan } from '../../src/experiment/plan/plan.ts';
import { PlanError } from '../../src/experiment/plan/errors.ts';
import { formatIndexList, parseSbatchJobId, slurmMemToK8s, slurmTimeToSeconds } from '../../src/experiment/plan/syntax.ts';
import { isShardComplete, shardStatus } from '../../src/experiment/plan/status.ts';
import { slurmArrayScript, slurmMergeScript, slurmResubmitCommand, slurmResubmitScript, slurmSubmitScript } from '../../src/experiment/plan/slurm.ts';
import { k8sManifests, k8sYaml } from '../../src/experiment/plan/k8s.ts';
import { submitSlurm, writePlan } from '../../src/experiment/plan/write.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SWEEP = 'test/cluster/fixtures/tiny-sweep.yaml';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'collabsim-plan-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function plan(extra: Partial<Parameters<typeof resolvePlan>[0]> = {}): Plan {
  return resolvePlan({ sweepFile: SWEEP, shards: 3, outDir: join(work, 'plan'), ...extra }, ROOT);
}

function completeShard(resultsDir: string, i: number, status = 'complete'): void {
  const dir = join(resultsDir, `shard-${i}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ tool: 'collabsim', status }, null, 2));
}

/** Run a bash snippet; returns exit code and output. */
function bash(script: string, env: Record<string, string> = {}): { code: number; out: string } {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

describe('resolvePlan', () => {
  it('reads the sweep name, applies defaults and makes paths absolute', () => {
    const p = plan();
    expect(p.sweepName).toBe('cluster-tiny');
    expect(p.sweepFile).toBe(join(ROOT, SWEEP));
    expect(p.resultsDir).toBe(join(work, 'plan'));
    expect(p.logsDir).toBe(join(work, 'plan', 'logs'));
    expect(p.workersPerTask).toBe(1);
    expect(p.command).toBe(DEFAULT_SLURM_COMMAND);
    expect(p.containerSweepFile).toBe(`/opt/collabsim/${SWEEP}`);
    expect(p.k8sName).toBe('collabsim-cluster-tiny');
  });

  it('rejects bad shard counts, time limits and memory sizes', () => {
    expect(() => plan({ shards: 0 })).toThrow(PlanError);
    expect(() => plan({ shards: 2.5 })).toThrow(/--shards/);
    expect(() => plan({ workersPerTask: 0 })).toThrow(/--workers-per-task/);
    expect(() => plan({ time: '2h' })).toThrow(/invalid time limit/);
    expect(() => plan({ mem: 'lots' })).toThrow(/invalid memory/);
  });

  it('parses Slurm time limits and converts memory for Kubernetes', () => {
    expect(slurmTimeToSeconds('30')).toBe(1800);
    expect(slurmTimeToSeconds('05:30')).toBe(330);
    expect(slurmTimeToSeconds('02:00:00')).toBe(7200);
    expect(slurmTimeToSeconds('1-12')).toBe(36 * 3600);
    expect(slurmTimeToSeconds('1-00:30')).toBe(24 * 3600 + 1800);
    expect(slurmTimeToSeconds('2-01:00:05')).toBe(49 * 3600 + 5);
    expect(slurmMemToK8s('2G')).toBe('2Gi');
    expect(slurmMemToK8s('512m')).toBe('512Mi');
    expect(slurmMemToK8s('4000')).toBe('4000Mi');
  });

  it('formats index lists and reads sbatch job ids', () => {
    expect(formatIndexList([5, 0, 1, 2, 7, 8])).toBe('0-2,5,7-8');
    expect(formatIndexList([3])).toBe('3');
    expect(parseSbatchJobId('4242\n')).toBe('4242');
    expect(parseSbatchJobId('4242;cluster\n')).toBe('4242');
    expect(() => parseSbatchJobId('sbatch: error: invalid partition')).toThrow(PlanError);
  });
});

describe('Slurm array script', () => {
  const script = () => slurmArrayScript(plan({ workersPerTask: 4, time: '04:00:00', mem: '6G', partition: 'short', account: 'edu123' }));

  it('is a job array 0..N-1 with one shard per task', () => {
    const s = script();
    expect(s.startsWith('#!/bin/bash\n')).toBe(true);
    expect(s).toContain('#SBATCH --array=0-2\n');
    expect(s).toContain('--shard ${SLURM_ARRAY_TASK_ID}/3');
    expect(s).toContain('SHARD_DIR="$RESULTS_DIR/shard-$SHARD"');
    expect(s).toContain(`RESULTS_DIR=${join(work, 'plan')}`);
  });

  it('requests CPUs matching the workers per task, with time, memory and site options', () => {
    const s = script();
    expect(s).toContain('#SBATCH --cpus-per-task=4\n');
    expect(s).toContain('WORKERS="${SLURM_CPUS_PER_TASK:-4}"');
    expect(s).toContain('--workers "$WORKERS"');
    expect(s).toContain('#SBATCH --time=04:00:00\n');
    expect(s).toContain('#SBATCH --mem=6G\n');
    expect(s).toContain('#SBATCH --partition=short\n');
    expect(s).toContain('#SBATCH --account=edu123\n');
  });

  it('names logs per array task', () => {
    const s = script();
    expect(s).toContain(`#SBATCH --output=${join(work, 'plan', 'logs')}/%x-%A_%a.out`);
    expect(s).toContain(`#SBATCH --error=${join(work, 'plan', 'logs')}/%x-%A_%a.err`);
  });

  it('runs collabsim through a configurable command, defaulting to the checkout in COLLABSIM_HOME', () => {
    const s = script();
    expect(s).toContain('COLLABSIM_HOME="${COLLABSIM_HOME:-${SLURM_SUBMIT_DIR:-$PWD}}"');
    expect(s).toContain('run_collabsim() { node "$COLLABSIM_HOME/bin/collabsim.mjs" "$@"; }');
    const custom = slurmArrayScript(plan({ command: 'collabsim', setup: ['module load nodejs/20'] }));
    expect(custom).toContain('run_collabsim() { collabsim "$@"; }');
    expect(custom).toContain('module load nodejs/20\n');
  });

  it('throttles concurrency with %P when asked', () => {
    expect(slurmArrayScript(plan({ maxConcurrent: 2 }))).toContain('#SBATCH --array=0-2%2\n');
    expect(slurmArrayScript(plan({ shards: 1 }))).toContain('#SBATCH --array=0\n');
  });

  it('skips a finished shard and resumes a started one (executed with a stub collabsim)', () => {
    const results = join(work, 'guard');
    const p = plan({ outDir: results, command: `echo RAN` });
    const file = join(results, 'sweep.sbatch');
    mkdirSync(results, { recursive: true });
    writeFileSync(file, slurmArrayScript(p));
    completeShard(results, 0);
    completeShard(results, 1, 'running');
    const env = { SLURM_SUBMIT_DIR: ROOT, SLURM_CPUS_PER_TASK: '1' };
    const done = bash(`bash ${file}`, { ...env, SLURM_ARRAY_TASK_ID: '0' });
    expect(done.code).toBe(0);
    expect(done.out).toContain('shard 0/3 already complete');
    expect(done.out).not.toContain('RAN');
    const partial = bash(`bash ${file}`, { ...env, SLURM_ARRAY_TASK_ID: '1' });
    expect(partial.code).toBe(0);
    expect(partial.out).toContain(`RAN sweep ${join(ROOT, SWEEP)} --shard 1/3 --workers 1 --out ${results}/shard-1 --resume`);
    const fresh = bash(`bash ${file}`, { ...env, SLURM_ARRAY_TASK_ID: '2' });
    expect(fresh.out).toMatch(/RAN sweep .* --shard 2\/3 --workers 1 --out \S+\/shard-2\n/);
    const outside = bash(`bash ${file}`, env);
    expect(outside.code).not.toBe(0);
    expect(outside.out).toContain('run this script as a Slurm job array');
  });

  it('passes bash -n', () => {
    const dir = join(work, 'syntax');
    const p = plan({ outDir: dir, maxConcurrent: 2 });
    for (const f of writePlan(p, 'slurm')) expect(bash(`bash -n ${f}`).code, f).toBe(0);
  });
});

describe('Slurm merge, submit and resubmit', () => {
  it('merges every shard after the array, refusing when a shard is unfinished', () => {
    const s = slurmMergeScript(plan());
    expect(s).toContain('#SBATCH --job-name=cs-cluster-tiny-merge\n');
    expect(s).toContain('#SBATCH --kill-on-invalid-dep=yes\n');
    expect(s).toContain('#SBATCH --output=');
    expect(s).toContain('%x-%j.out');
    expect(s).toContain('run_collabsim merge "${SHARD_DIRS[@]}" --out "$RESULTS_DIR/merged"');

    const results = join(work, 'merge');
    const p = plan({ outDir: results, command: 'echo RAN' });
    mkdirSync(results, { recursive: true });
    const file = join(results, 'merge.sbatch');
    writeFileSync(file, slurmMergeScript(p));
    completeShard(results, 0);
    completeShard(results, 2);
    const missing = bash(`bash ${file}`, { SLURM_SUBMIT_DIR: ROOT });
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('shards not complete: 1');
    completeShard(results, 1);
    const ok = bash(`bash ${file}`, { SLURM_SUBMIT_DIR: ROOT });
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`RAN merge ${results}/shard-0 ${results}/shard-1 ${results}/shard-2 --out ${results}/merged`);
  });

  it('submits the merge job with --dependency=afterok on the array', () => {
    const s = slurmSubmitScript(plan());
    expect(s).toContain(`ARRAY_ID=$(sbatch --parsable ${join(work, 'plan', 'sweep.sbatch')})`);
    expect(s).toContain(`MERGE_ID=$(sbatch --parsable --dependency=afterok:\${ARRAY_ID} ${join(work, 'plan', 'merge.sbatch')})`);
  });

  it('prints the sbatch command that re-runs only the failed indices', () => {
    const p = plan();
    expect(slurmResubmitCommand(p, [1])).toBe(`sbatch --array=1 ${join(work, 'plan', 'sweep.sbatch')}`);
    expect(slurmResubmitCommand(p, [2, 0])).toBe(`sbatch --array=0,2 ${join(work, 'plan', 'sweep.sbatch')}`);
    expect(slurmResubmitCommand(plan({ maxConcurrent: 4 }), [0, 1, 2])).toContain('--array=0-2%4 ');
    const r = slurmResubmitScript(p);
    expect(r).toContain('--array="$INDICES"');
    expect(r).toContain('--dependency=afterok:${ARRAY_ID}');
    expect(r).toContain('scancel "$MERGE_JOB_ID"');
  });

  it('resubmit.sh submits just the unfinished shards, then the merge (with a fake sbatch)', () => {
    const results = join(work, 'resub');
    const p = plan({ outDir: results });
    writePlan(p, 'slurm');
    completeShard(results, 0);
    completeShard(results, 2);
    const bin = join(work, 'fakebin');
    mkdirSync(bin, { recursive: true });
    const log = join(work, 'sbatch.log');
    writeFileSync(join(bin, 'sbatch'), `#!/bin/bash\necho "$*" >>${log}\nn=$(wc -l <${log})\necho $((700 + n))\n`);
    writeFileSync(join(bin, 'squeue'), '#!/bin/bash\nexit 0\n');
    writeFileSync(join(bin, 'scancel'), `#!/bin/bash\necho "scancel $*" >>${log}\n`);
    for (const f of ['sbatch', 'squeue', 'scancel']) chmodSync(join(bin, f), 0o755);
    writeFileSync(join(results, 'jobs.env'), 'ARRAY_JOB_ID=500\nMERGE_JOB_ID=501\n');
    const r = bash(`cd ${ROOT} && bash ${join(results, 'resubmit.sh')}`, { PATH: `${bin}:${process.env.PATH}` });
    expect(r.code, r.out).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toEqual(['scancel 501', `--parsable --array=1 ${results}/sweep.sbatch`, `--parsable --dependency=afterok:702 ${results}/merge.sbatch`]);
    expect(readFileSync(join(results, 'jobs.env'), 'utf8')).toBe('ARRAY_JOB_ID=702\nMERGE_JOB_ID=703\n');
  });

  it('--submit path: submitSlurm queues the array then the merge with afterok', () => {
    const p = plan({ outDir: join(work, 'submit') });
    writePlan(p, 'slurm');
    const calls: string[][] = [];
    const ids = submitSlurm(p, (cmd, args) => {
      calls.push([cmd, ...args]);
      return calls.length === 1 ? '8101\n' : '8102;cluster\n';
    });
    expect(ids).toEqual({ arrayJobId: '8101', mergeJobId: '8102' });
    expect(calls).toEqual([
      ['sbatch', '--parsable', join(work, 'submit', 'sweep.sbatch')],
      ['sbatch', '--parsable', '--dependency=afterok:8101', join(work, 'submit', 'merge.sbatch')],
    ]);
    expect(readFileSync(join(work, 'submit', 'jobs.env'), 'utf8')).toBe('ARRAY_JOB_ID=8101\nMERGE_JOB_ID=8102\n');
  });

  it('reports shard status from the manifests', () => {
    const results = join(work, 'status');
    completeShard(results, 0);
    completeShard(results, 1, 'running');
    expect(isShardComplete(join(results, 'shard-0'))).toBe(true);
    expect(isShardComplete(join(results, 'shard-1'))).toBe(false);
    expect(shardStatus(results, 4)).toEqual({ complete: [0], partial: [1], missing: [2, 3] });
  });
});

describe('Kubernetes manifests', () => {
  const docs = () => k8sYaml(plan({ workersPerTask: 2, mem: '3G', time: '01:30:00', maxConcurrent: 2, image: 'registry.example.org/collabsim:1' }));

  it('emit valid YAML that round-trips to the manifest objects', () => {
    const p = plan();
    const text = k8sYaml(p);
    const objs = k8sManifests(p);
    expect(YAML.parse(text.shardsJob)).toEqual(JSON.parse(JSON.stringify(objs.shardsJob)));
    expect(YAML.parse(text.mergeJob)).toEqual(JSON.parse(JSON.stringify(objs.mergeJob)));
    expect(YAML.parse(text.pvc!)).toEqual(JSON.parse(JSON.stringify(objs.pvc)));
    for (const t of Object.values(text)) {
      const all = YAML.parseAllDocuments(t);
      expect(all).toHaveLength(1);
      expect(all[0].errors).toEqual([]);
      expect(t).not.toMatch(/[&*]a\d/); // no anchors or aliases
    }
  });

  it('runs the shards as an Indexed Job with per-index retries', () => {
    const job = YAML.parse(docs().shardsJob);
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.completions).toBe(3);
    expect(job.spec.parallelism).toBe(2);
    expect(job.spec.backoffLimitPerIndex).toBe(2);
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.activeDeadlineSeconds).toBe(5400);
    const c = pod.containers[0];
    expect(c.image).toBe('registry.example.org/collabsim:1');
    expect(c.resources.requests).toEqual({ cpu: '2', memory: '3Gi' });
    expect(c.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    const sh: string = c.command[2];
    expect(sh).toContain('--shard "${JOB_COMPLETION_INDEX}/3"');
    expect(sh).toContain('dir="/results/cluster-tiny/shard-$JOB_COMPLETION_INDEX"');
    expect(sh).toContain(`sweep /opt/collabsim/${SWEEP}`);
    expect(sh).toContain('--workers 2');
    expect(sh).toContain('already complete; skipping');
    expect(pod.volumes[0].persistentVolumeClaim.claimName).toBe('collabsim-cluster-tiny-results');
    expect(c.volumeMounts[0].mountPath).toBe('/results');
  });

  it('includes a merge Job that waits for every shard, and a ReadWriteMany claim', () => {
    const d = docs();
    const merge = YAML.parse(d.mergeJob);
    expect(merge.kind).toBe('Job');
    expect(merge.metadata.name).toBe('collabsim-cluster-tiny-merge');
    expect(merge.spec.completionMode).toBeUndefined();
    const pod = merge.spec.template.spec;
    expect(pod.initContainers[0].command[2]).toContain('shards complete');
    expect(pod.containers[0].command[2]).toContain(
      'merge /results/cluster-tiny/shard-0 /results/cluster-tiny/shard-1 /results/cluster-tiny/shard-2 --out /results/cluster-tiny/merged',
    );
    const pvc = YAML.parse(d.pvc!);
    expect(pvc.kind).toBe('PersistentVolumeClaim');
    expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
  });

  it('uses an existing claim and a namespace when given', () => {
    const d = k8sYaml(plan({ pvc: 'shared-scratch', namespace: 'analysis' }));
    expect(d.pvc).toBeUndefined();
    const job = YAML.parse(d.shardsJob);
    expect(job.metadata.namespace).toBe('analysis');
    expect(job.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe('shared-scratch');
  });

  it('the shard and wait shells are valid POSIX sh', () => {
    const m = k8sManifests(plan({ shards: 20 })) as { shardsJob: any; mergeJob: any };
    const shells = [
      m.shardsJob.spec.template.spec.containers[0].command[2],
      m.mergeJob.spec.template.spec.initContainers[0].command[2],
      m.mergeJob.spec.template.spec.containers[0].command[2],
    ];
    for (const s of shells) expect(spawnSync('sh', ['-n', '-c', s]).status).toBe(0);
  });
});
