/**
 * Coverage of ABC-SMC's 90% credible intervals on synthetic calibrations
 * (test/helpers/recovery.ts): draw a truth from the prior, make targets from
 * the model at that truth, calibrate, and count how often each parameter's
 * interval holds its truth. Prints a JSON summary (docs/calibration.md
 * quotes it).
 *
 *   npx tsx scripts/calibration-coverage.ts [datasets=20] [workers=2]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stream } from '../src/engine/rng.ts';
import { runCalibration } from '../src/experiment/calibrate/run.ts';
import { RECOVERY_PRIORS, syntheticTargets } from '../test/helpers/recovery.ts';

const datasets = Number(process.argv[2] ?? 20);
const workers = Number(process.argv[3] ?? 2);
const root = mkdtempSync(join(tmpdir(), 'collabsim-coverage-'));
const hits = RECOVERY_PRIORS.map(() => 0);
const widths = RECOVERY_PRIORS.map(() => 0);
const t0 = performance.now();
try {
  for (let d = 0; d < datasets; d++) {
    const rng = stream(2026, `coverage|${d}`);
    const truth = RECOVERY_PRIORS.map((p) => p.min + (p.max - p.min) * (0.1 + 0.8 * rng()));
    const targets = await syntheticTargets(truth, 1000 + d, 2, { abc: { particles: 60, generations: 4 }, checks: { draws: 5 }, seed: d + 1 });
    const r = await runCalibration(targets, { out: join(root, String(d)), workers, report: false });
    const lines = readFileSync(join(r.dir, 'posterior-summary.csv'), 'utf8').trim().split('\r\n').slice(1);
    lines.forEach((l, i) => {
      const c = l.split(',');
      const q05 = Number(c[6]);
      const q95 = Number(c[7]);
      if (truth[i] >= q05 && truth[i] <= q95) hits[i]++;
      widths[i] += Number(c[10]);
    });
    process.stderr.write(`dataset ${d + 1}/${datasets}: truth ${truth.map((x) => x.toFixed(3)).join(', ')}; hits so far ${hits.join(', ')}\n`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
const out = {
  datasets,
  particles: 60,
  generations: 4,
  replications: 2,
  coverage90: Object.fromEntries(RECOVERY_PRIORS.map((p, i) => [p.path, hits[i] / datasets])),
  meanWidthRatio: Object.fromEntries(RECOVERY_PRIORS.map((p, i) => [p.path, widths[i] / datasets])),
  seconds: Math.round((performance.now() - t0) / 1000),
};
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
