/** `collabsim sweep plan`: the command that writes (and submits) a sweep plan for Slurm or Kubernetes. */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { Command } from 'commander';
import { registerSweepPlan } from '../../src/cli/commands/sweep-plan.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SWEEP = 'test/cluster/fixtures/tiny-sweep.yaml';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'collabsim-plan-cli-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function completeShard(resultsDir: string, i: number, status = 'complete'): void {
  const dir = join(resultsDir, `shard-${i}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ tool: 'collabsim', status }, null, 2));
}

describe('collabsim sweep plan (command)', () => {
  async function cli(args: string[]): Promise<{ out: string; err: string; code: number }> {
    let out = '';
    let err = '';
    const program = new Command('collabsim').exitOverride();
    // Set before adding subcommands: they copy these settings when created.
    program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
    registerSweepPlan(program.command('sweep'));
    const write = process.stdout.write.bind(process.stdout);
    (process.stdout as any).write = (s: string) => ((out += s), true);
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      await program.parseAsync(['sweep', 'plan', ...args], { from: 'user' });
      return { out, err, code: 0 };
    } catch (e) {
      return { out, err, code: (e as { exitCode?: number }).exitCode ?? 1 };
    } finally {
      process.chdir(cwd);
      (process.stdout as any).write = write;
    }
  }

  it('has --help', async () => {
    const r = await cli(['--help']);
    expect(r.out).toContain('Usage: collabsim sweep plan');
    expect(r.out).toContain('--shards <n>');
    expect(r.out).toContain('--emit <scheduler>');
    expect(r.out).toContain('--submit');
  });

  it('writes the Slurm files and prints how to submit and re-submit', async () => {
    const out = join(work, 'cli-slurm');
    const r = await cli([SWEEP, '--shards', '3', '--emit', 'slurm', '--out', out]);
    expect(r.code, r.err).toBe(0);
    for (const f of ['sweep.sbatch', 'merge.sbatch', 'submit.sh', 'resubmit.sh']) expect(existsSync(join(out, f))).toBe(true);
    expect(existsSync(join(out, 'logs'))).toBe(true);
    expect(r.out).toContain('Sweep has 8 runs');
    expect(r.out).toContain(`bash ${out}/submit.sh`);
    expect(r.out).toContain(`sbatch --array=<failed indices, e.g. 1,4> ${out}/sweep.sbatch`);
    expect(r.out).toContain(`--dependency=afterok:`);

    completeShard(out, 0);
    const s = await cli([SWEEP, '--shards', '3', '--emit', 'slurm', '--out', out, '--status']);
    expect(s.out).toContain('complete:            0');
    expect(s.out).toContain(`sbatch --array=1-2 ${out}/sweep.sbatch`);
  });

  it('writes Kubernetes manifests that parse', async () => {
    const out = join(work, 'cli-k8s');
    const r = await cli([SWEEP, '--shards', '4', '--emit', 'k8s', '--out', out, '--image', 'example/collabsim:2']);
    expect(r.code, r.err).toBe(0);
    const job = YAML.parse(readFileSync(join(out, 'k8s', 'shards-job.yaml'), 'utf8'));
    expect(job.spec.completions).toBe(4);
    expect(YAML.parse(readFileSync(join(out, 'k8s', 'merge-job.yaml'), 'utf8')).kind).toBe('Job');
    expect(YAML.parse(readFileSync(join(out, 'k8s', 'pvc.yaml'), 'utf8')).kind).toBe('PersistentVolumeClaim');
    expect(r.out).toContain('kubectl apply');
  });

  it('is wired under `collabsim sweep`, and the sweep command does not take its --out', async () => {
    const { main } = await import('../../src/cli/main.ts');
    const out = join(work, 'wired');
    let printed = '';
    const write = process.stdout.write.bind(process.stdout);
    (process.stdout as any).write = (s: string) => ((printed += s), true);
    let code: number;
    try {
      code = await main(['sweep', 'plan', SWEEP, '--shards', '3', '--emit', 'slurm', '--out', out, '--results', join(out, 'res')]);
    } finally {
      (process.stdout as any).write = write;
    }
    expect(code, printed).toBe(0);
    expect(readFileSync(join(out, 'sweep.sbatch'), 'utf8')).toContain(`RESULTS_DIR=${join(out, 'res')}`);
  });

  it('rejects bad input with exit code 2 and a clear message', async () => {
    const bad = await cli([SWEEP, '--shards', 'three', '--out', join(work, 'bad')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--shards must be a whole number');
    const sub = await cli([SWEEP, '--shards', '3', '--emit', 'k8s', '--submit', '--out', join(work, 'bad')]);
    expect(sub.code).toBe(2);
    expect(sub.err).toContain('--submit works with --emit slurm only');
    const emit = await cli([SWEEP, '--shards', '3', '--emit', 'pbs']);
    expect(emit.code).not.toBe(0);
    expect(emit.err).toContain('choices');
  });
});
