/**
 * Figures the validation suite measures, recorded as the tests run: with
 * VALIDATION_FIGURES=<dir> set, each test file writes what it measured to
 * <dir>/<file>.json, and scripts/validation-doc.ts turns them into
 * docs/validation.md, so the document shows exactly what the tests asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll } from 'vitest';
import { mean } from './replicate.ts';

export interface Figure {
  behaviour: string;
  what: string;
  value: number;
  /** Standard error over seeds (or of paired differences), when the figure is a mean over seeds. */
  se?: number;
  /** The check the test applies, in words. */
  check: string;
  ablation?: boolean;
}

/** Mean and standard error of the mean. */
export function meanSe(xs: number[]): { mean: number; se: number } {
  const m = mean(xs);
  const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1);
  return { mean: m, se: Math.sqrt(v / xs.length) };
}

export function recorder(file: string) {
  const figures: Figure[] = [];
  afterAll(() => {
    const dir = process.env.VALIDATION_FIGURES;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${basename(file).replace(/\.test\.ts$/, '')}.json`), JSON.stringify(figures, null, 1));
  });
  return (f: Figure): number => {
    figures.push(f);
    return f.value;
  };
}
