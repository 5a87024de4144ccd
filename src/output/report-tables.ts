/**
 * Tables of the run report: a generic HTML table, the final Lencioni levels
 * by group, and the schools whose effectiveness changed most.
 */
import type { Cell, RunOutput } from '../engine/contract.ts';
import { LENCIONI_LEVELS } from '../common/palette.ts';
import { escapeHtml } from './html.ts';
import { cellText, changeText, DASH, fixed2 } from './report-format.ts';
import { firstLast, groupNames } from './run-series.ts';

/** A table whose first column heads the rows; columns from `numericFrom` on are right-aligned. */
export function htmlTable(head: string[], body: string[][], numericFrom = 1, caption?: string): string {
  const num = (i: number) => (i >= numericFrom ? ' class="num"' : '');
  const th = head.map((h, i) => `<th scope="col"${num(i)}>${escapeHtml(h)}</th>`).join('');
  const trs = body
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td${num(i)}>${escapeHtml(c)}</td>`)).join('')}</tr>`)
    .join('\n');
  const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : '';
  return `<table>${cap}<thead><tr>${th}</tr></thead>\n<tbody>\n${trs}\n</tbody></table>`;
}

const NAME_COLUMNS = ['group', 'name', 'group_name', 'id', 'group_id'];

function nameColumn(rows: Record<string, Cell>[], candidates: string[]): string | undefined {
  if (rows.length === 0) return undefined;
  const cols = Object.keys(rows[0]);
  return candidates.find((c) => cols.includes(c)) ?? cols.find((c) => typeof rows[0][c] === 'string');
}

/** Final value of a Lencioni level in a group's series, or a dash. */
function seriesLevel(out: RunOutput, metric: string, group: string): string {
  const s = firstLast(out, metric, `group:${group}`);
  return s ? fixed2(s.last.value) : DASH;
}

/** Rows of the group table from out.groups, falling back to the series where a row lacks a level. */
function groupRowsFromTable(out: RunOutput): string[][] {
  const rows = out.groups;
  const nameCol = nameColumn(rows, NAME_COLUMNS);
  const cols = Object.keys(rows[0]);
  const levelCols = LENCIONI_LEVELS.map((l) => [l.metric, l.key, `${l.key}_level`].find((c) => cols.includes(c)));
  const seriesGroups = new Set(groupNames(out));
  return rows.map((r, i) => {
    const name = nameCol !== undefined ? String(r[nameCol]) : `Group ${i + 1}`;
    const cells = LENCIONI_LEVELS.map((l, j) => {
      const c = levelCols[j];
      if (c !== undefined) return cellText(r[c]);
      return seriesGroups.has(name) ? seriesLevel(out, l.metric, name) : DASH;
    });
    return [name, ...cells];
  });
}

/** Per-group final Lencioni levels, from out.groups (or the series if the rows lack them). */
export function groupTable(out: RunOutput): string | undefined {
  const head = ['Group', ...LENCIONI_LEVELS.map((l) => l.label)];
  const body = out.groups.length > 0 ? groupRowsFromTable(out) : groupNames(out).map((g) => [g, ...LENCIONI_LEVELS.map((l) => seriesLevel(out, l.metric, g))]);
  if (body.length === 0) return undefined;
  return htmlTable(head, body, 1, 'Final level of each part of the pyramid, by group (0 to 1).');
}

const SCHOOL_ID_COLUMNS = ['school_id', 'id', 'name', 'school', 'urn'];
const SCHOOL_TABLE_SIZE = 5;

interface ScoredSchool {
  id: string;
  r: Record<string, Cell>;
  start: number;
  end: number;
  i: number;
  change: number;
}

/** Schools with a finite start and end effectiveness, most improved first. */
function scoreSchools(rows: Record<string, Cell>[], idCol: string | undefined): ScoredSchool[] {
  const scored = rows
    .map((r, i) => ({
      id: idCol ? String(r[idCol]) : `School ${i + 1}`,
      r,
      start: Number(r.effectiveness_start),
      end: Number(r.effectiveness),
      i,
    }))
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end))
    .map((s) => ({ ...s, change: s.end - s.start }));
  scored.sort((a, b) => b.change - a.change || a.i - b.i);
  return scored;
}

/** Top and bottom schools by change in effectiveness, if start and end are recorded. */
export function schoolTable(out: RunOutput): string | undefined {
  const rows = out.schools;
  if (rows.length === 0) return undefined;
  const cols = Object.keys(rows[0]);
  if (!cols.includes('effectiveness_start') || !cols.includes('effectiveness')) return undefined;
  const extra = ['group', 'disadvantaged'].filter((c) => cols.includes(c));
  const scored = scoreSchools(
    rows,
    SCHOOL_ID_COLUMNS.find((c) => cols.includes(c)),
  );
  const n = SCHOOL_TABLE_SIZE;
  const picked =
    scored.length <= 2 * n
      ? scored.map((s) => ({ s, band: '' }))
      : [...scored.slice(0, n).map((s) => ({ s, band: 'Most improved' })), ...scored.slice(-n).map((s) => ({ s, band: 'Least improved' }))];
  if (picked.length === 0) return undefined;
  const withBand = picked.some((p) => p.band);
  const head = ['School', ...extra.map((c) => (c === 'disadvantaged' ? 'Disadvantaged' : 'Group')), 'Start', 'End', 'Change'];
  if (withBand) head.push('');
  const body = picked.map(({ s, band }) => {
    const row = [s.id, ...extra.map((c) => cellText(s.r[c])), fixed2(s.start), fixed2(s.end), changeText(s.start, s.end)];
    if (withBand) row.push(band);
    return row;
  });
  const caption = withBand
    ? `The ${n} schools whose effectiveness rose most and the ${n} whose effectiveness rose least (or fell), of ${scored.length}.`
    : `All ${scored.length} schools, ordered by change in effectiveness.`;
  return htmlTable(head, body, 1 + extra.length, caption);
}
