/**
 * docs/outputs.md, generated from the code that defines the outputs.
 */
import { METRICS, GROUP_METRICS } from '../model/observe/observer.ts';
import { SCHOOL_COLUMNS, GROUP_COLUMNS } from '../model/observe/columns.ts';
import { RUN_FILES, timeseriesColumnsMarkdown } from './run-writer.ts';
import { STATE_FILE_DOC } from './state-container.ts';

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export function outputsMarkdown(): string {
  return [
    '# Run outputs reference',
    '',
    'Generated from the code by `npm run schema`; do not edit by hand.',
    '',
    '## Files of a run',
    '',
    table(
      ['file', 'contents'],
      RUN_FILES.map((f) => [`\`${f.file}\``, f.description]),
    ),
    '',
    '## `timeseries.csv` columns',
    '',
    timeseriesColumnsMarkdown(),
    '',
    '## Metrics',
    '',
    `At level \`all\` every tick (or at each year's end, when the scenario sets \`output.every: year\`: flows then cover the year, and \`timeseries.csv\`'s \`tick\` column gives each row's model tick); the Lencioni metrics (${GROUP_METRICS.map((m) => `\`${m}\``).join(', ')}) also per group at level \`group:<name>\`. \`summary.json\` holds the final value of each (the last observed value for metrics observed only at some ticks) plus run totals.`,
    '',
    table(
      ['metric', 'unit', 'meaning'],
      METRICS.map((m) => [`\`${m.name}\``, m.unit, m.description]),
    ),
    '',
    '## `schools.csv` columns',
    '',
    table(
      ['column', 'meaning'],
      Object.entries(SCHOOL_COLUMNS).map(([k, v]) => [`\`${k}\``, v]),
    ),
    '',
    '## `groups.csv` columns',
    '',
    table(
      ['column', 'meaning'],
      Object.entries(GROUP_COLUMNS).map(([k, v]) => [`\`${k}\``, v]),
    ),
    '',
    STATE_FILE_DOC,
  ].join('\n');
}
