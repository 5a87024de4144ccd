/**
 * Reading a calibration's posterior back (for `compare --posterior` and
 * `sweep --posterior`), and drawing parameter sets from it.
 *
 * `--posterior` names a calibration folder (or its posterior.csv). The
 * parameters' paths come from the folder's calibration.json; the particles
 * are the last generation of posterior.csv, with their weights. Draws are a
 * systematic resample by weight, from a stream named after the master seed,
 * so the same posterior, seed and K give the same draws everywhere.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { stream } from '../../engine/rng.ts';
import { columnName } from './priors.ts';

export interface Posterior {
  /** The calibration folder. */
  dir: string;
  name: string;
  paths: string[];
  particles: { theta: number[]; weight: number }[];
}

export class PosteriorError extends Error {}

function folderOf(file: string): string {
  if (!existsSync(file)) throw new PosteriorError(`--posterior ${file}: no such file or folder`);
  return statSync(file).isDirectory() ? file : basename(file) === 'posterior.csv' ? dirname(file) : file;
}

/** Read the final population of an ABC-SMC calibration folder. */
export function readPosterior(file: string): Posterior {
  const dir = folderOf(file);
  const stateFile = join(dir, 'calibration.json');
  const csvFile = join(dir, 'posterior.csv');
  if (!existsSync(stateFile) || !existsSync(csvFile))
    throw new PosteriorError(`--posterior ${file}: not a calibration folder (it needs calibration.json and posterior.csv)`);
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { name?: string; spec?: { priors?: { path: string; name?: string }[] } };
  const priors = state.spec?.priors ?? [];
  const lines = readFileSync(csvFile, 'utf8').trim().split('\r\n');
  const head = lines[0].split(',');
  if (head[0] !== 'generation')
    throw new PosteriorError(
      `--posterior ${file}: posterior.csv comes from the simulated method of moments, which gives an estimate, not a posterior; calibrate with --method abc-smc`,
    );
  const cols = priors.map((p) => head.indexOf(p.name ?? columnName(p.path)));
  if (!priors.length || cols.some((c) => c < 0))
    throw new PosteriorError(`--posterior ${file}: posterior.csv does not have a column for every calibrated parameter`);
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  const last = Math.max(...rows.map((r) => r[0]));
  const wCol = head.indexOf('weight');
  const particles = rows.filter((r) => r[0] === last).map((r) => ({ theta: cols.map((c) => r[c]), weight: r[wCol] }));
  const total = particles.reduce((a, p) => a + p.weight, 0);
  for (const p of particles) p.weight /= total;
  return { dir, name: state.name ?? basename(dir), paths: priors.map((p) => p.path), particles };
}

/** K parameter sets drawn by systematic resampling of weighted particles. */
export function drawParticles(particles: readonly { theta: number[]; weight: number }[], draws: number, seed: number, label: string): number[][] {
  const u0 = stream(seed, `${label}|resample`)() / draws;
  const out: number[][] = [];
  let c = 0;
  let i = 0;
  for (let d = 0; d < draws; d++) {
    const u = u0 + d / draws;
    while (i < particles.length - 1 && c + particles[i].weight < u) c += particles[i++].weight;
    out.push(particles[i].theta);
  }
  return out;
}
