/**
 * `collabsim validate <files...>`: check scenario, sweep and calibration
 * targets files, told apart by their top-level keys, and print every problem
 * with its place in the file.
 */
import type { Command } from 'commander';
import { InputError, formatInputError, readDocument, readInputFile } from '../../scenario/load.ts';
import { loadSweep } from '../../experiment/load.ts';
import { loadTargets } from '../../experiment/calibrate/load.ts';
import { loadScenarioFile } from '../../scenario/scenario-file.ts';
import { EXIT, ExitSignal } from '../args.ts';

/** Keys only a sweep file has: a file with any of them is checked as a sweep. */
const SWEEP_KEYS = ['base', 'factors', 'design', 'replications'];
/** Keys only a calibration targets file has (checked first: targets files have `replications` too). */
const TARGETS_KEYS = ['targets', 'priors'];

/** What kind of input file this is, from its top-level keys (a file that cannot be read is left to the scenario check to report). */
function inputKind(file: string): 'scenario' | 'sweep' | 'targets' {
  try {
    const { value } = readDocument(readInputFile(file), file);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return 'scenario';
    if (TARGETS_KEYS.some((k) => k in value)) return 'targets';
    if (SWEEP_KEYS.some((k) => k in value)) return 'sweep';
  } catch {
    // unreadable or not YAML: the scenario check gives the positioned error
  }
  return 'scenario';
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description(
      'Check scenario, sweep and calibration targets files (told apart by their keys) against their schemas and everything a run could fail on; prints every problem with file:line:column.',
    )
    .argument('<files...>', 'scenario, sweep or targets files')
    .action(async (files: string[]) => {
      let bad = 0;
      for (const f of files) {
        try {
          const kind = inputKind(f);
          if (kind === 'targets') {
            const t = await loadTargets(f);
            process.stdout.write(`ok ${f} (calibration targets: ${t.targets.length} targets, ${t.priors.length} parameters)\n`);
          } else if (kind === 'sweep') {
            const sweep = await loadSweep(f);
            process.stdout.write(`ok ${f} (sweep: ${sweep.design.points.length} points, ${sweep.totalRuns} runs)\n`);
          } else {
            loadScenarioFile(f);
            process.stdout.write(`ok ${f}\n`);
          }
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          bad++;
          process.stderr.write(formatInputError(e) + '\n');
        }
      }
      if (bad) throw new ExitSignal(EXIT.input);
    });
}
