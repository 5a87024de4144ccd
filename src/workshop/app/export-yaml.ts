/**
 * "Export this setup": a live session's setup as a scenario file the CLI
 * validates and runs, with a note on how far a run of the file follows the
 * room's run.
 *
 * Platform-free: used by the Web Worker and the Node tests.
 */
import { Document } from 'yaml';
import { MAX_YEARS, SCHEMA_DEFAULTS } from './model-api.ts';
import { whenLabel } from './narrate-text.ts';
import type { Preset } from './scenario-file.ts';
import { scenarioInputOf } from './scenario-input.ts';
import type { Raw } from './setup.ts';
import type { Setup } from './settings.ts';

/** Key order: the usual order of a scenario file. */
const KEY_ORDER = [
  'name',
  'question',
  'description',
  'seed',
  'years',
  'ticksPerYear',
  'locality',
  'schools',
  'leaders',
  'partnerships',
  'mats',
  'hubs',
  'competition',
  'spanners',
  'turnover',
  'model',
  'timeline',
  'output',
];

export interface ExportParts {
  preset: Preset;
  setup: Setup;
  /** Ticks run so far. */
  tick: number;
  ticksPerYear: number;
  /** Settings changed during the run that no timeline event can say. */
  midRun: string[];
}

function exportNote(p: ExportParts): string {
  const n = p.setup.events.length;
  return [
    `Exported from the collabsim workshop after ${p.tick} ticks (${whenLabel(p.tick, p.ticksPerYear)}) with seed ${p.setup.seed}.`,
    n ? `What the room did during the run (${n} event${n === 1 ? '' : 's'}) is in the timeline.` : '',
    p.midRun.length
      ? `Settings changed during the run that have no timeline event (${p.midRun.join(', ')}) are written here as starting values, so a run of this file follows the room's run only up to the first of those changes.`
      : "A run of this file with the same seed reproduces the room's run.",
  ]
    .filter(Boolean)
    .join(' ');
}

/** The setup as a scenario file the CLI validates and runs. */
export function exportYaml(p: ExportParts): { fileName: string; text: string } {
  const input: Raw = scenarioInputOf(p.preset, p.setup);
  const yearsNow = Math.ceil(p.tick / p.ticksPerYear);
  if (yearsNow > (input.years ?? SCHEMA_DEFAULTS.years)) input.years = Math.min(MAX_YEARS, yearsNow);
  const baseName = String(input.name ?? p.preset.info.id).replace(/[^A-Za-z0-9_.-]/g, '-');
  input.name = /-workshop$/.test(baseName) ? baseName : `${baseName}-workshop`;
  input.description = [input.description, exportNote(p)].filter(Boolean).join(' ');
  const sorted: Raw = {};
  for (const k of KEY_ORDER) if (k in input) sorted[k] = input[k];
  for (const k of Object.keys(input)) if (!(k in sorted)) sorted[k] = input[k];
  const doc = new Document(sorted);
  doc.commentBefore = [' Scenario exported from the collabsim workshop.', ` Run it with: collabsim run ${input.name}.yaml --out results/${input.name}`].join(
    '\n',
  );
  return { fileName: `${input.name}.yaml`, text: doc.toString({ lineWidth: 0 }) };
}
