/**
 * Tables of the run report: a generic HTML table, the final Lencioni levels
 * by group, and the schools whose effectiveness changed most.
 */
import type { Cell, RunOutput } from '../engine/contract.ts';
import { LENCIONI_LEVELS } from '../common/palette.ts';
import { escapeHtml } from './html.ts';
import { cellText, changeText, DASH, fixed2, fixed3 } from './report-format.ts';
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

/** Groups listed in full up to this many; beyond it, the strongest and weakest by the results level. */
export const GROUP_TABLE_MAX = 40;
const GROUP_TABLE_EXTREMES = 10;

/** Per-group final Lencioni levels, from out.groups (or the series if the rows lack them); for many groups, the ten strongest and ten weakest. */
export function groupTable(out: RunOutput): string | undefined {
  const head = ['Group', ...LENCIONI_LEVELS.map((l) => l.label)];
  const body = out.groups.length > 0 ? groupRowsFromTable(out) : groupNames(out).map((g) => [g, ...LENCIONI_LEVELS.map((l) => seriesLevel(out, l.metric, g))]);
  if (body.length === 0) return undefined;
  if (body.length <= GROUP_TABLE_MAX) return htmlTable(head, body, 1, 'Final level of each part of the pyramid, by group (0 to 1).');
  const results = (r: string[]) => Number(r[r.length - 1]);
  const ranked = body.map((r, i) => ({ r, i })).filter((x) => Number.isFinite(results(x.r)));
  ranked.sort((a, b) => results(b.r) - results(a.r) || a.i - b.i);
  const n = GROUP_TABLE_EXTREMES;
  const picked = [...ranked.slice(0, n).map((x) => [...x.r, 'strongest']), ...ranked.slice(-n).map((x) => [...x.r, 'weakest'])];
  return htmlTable(
    [...head, ''],
    picked,
    1,
    `Final level of each part of the pyramid (0 to 1) in the ${n} groups with the highest and the ${n} with the lowest attention to results, of ${body.length} groups (all of them are in groups.csv).`,
  );
}

/** Mean of the finite values. */
function meanOf(xs: number[]): number {
  const v = xs.filter(Number.isFinite);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
}

interface LocalityAgg {
  name: string;
  kind: string;
  schools: number;
  start: number;
  end: number;
  trust: number;
  hub: number;
}

function localityAggregates(rows: Record<string, Cell>[]): LocalityAgg[] {
  const by = new Map<string, Record<string, Cell>[]>();
  for (const r of rows) {
    const k = String(r.locality);
    const list = by.get(k);
    if (list) list.push(r);
    else by.set(k, [r]);
  }
  return [...by.entries()].map(([name, rs]) => ({
    name,
    kind: String(rs[0].locality_kind ?? ''),
    schools: rs.length,
    start: meanOf(rs.map((r) => Number(r.effectiveness_start))),
    end: meanOf(rs.map((r) => Number(r.effectiveness))),
    trust: meanOf(rs.map((r) => Number(r.trust_given_mean))),
    hub: meanOf(rs.map((r) => (Number(r.hub_engagements) > 0 ? 1 : 0))),
  }));
}

function aggRow(label: string, a: LocalityAgg[]): string[] {
  const w = (f: (x: LocalityAgg) => number) => {
    const n = a.reduce((s, x) => s + x.schools, 0);
    return a.reduce((s, x) => s + f(x) * x.schools, 0) / n;
  };
  const start = w((x) => x.start);
  const end = w((x) => x.end);
  return [
    label,
    String(a.reduce((s, x) => s + x.schools, 0)),
    fixed3(start),
    fixed3(end),
    changeText(start, end, false, 3),
    fixed2(w((x) => x.trust)),
    `${Math.round(100 * w((x) => x.hub))}%`,
  ];
}

/**
 * For runs over several localities: schools by kind of locality, then the
 * localities with the highest and lowest mean effectiveness at the end.
 */
export function localityTable(out: RunOutput): string | undefined {
  const rows = out.schools;
  if (rows.length === 0 || !('locality' in rows[0]) || !('effectiveness' in rows[0])) return undefined;
  const aggs = localityAggregates(rows);
  if (aggs.length < 2) return undefined;
  const head = ['Localities', 'Schools', 'Effectiveness at start', 'At end', 'Change', 'Trust given', 'Engaged with a hub'];
  const kinds = [...new Set(aggs.map((a) => a.kind))].sort();
  const byKind = kinds.map((k) =>
    aggRow(
      `${k || 'unnamed'} (${aggs.filter((a) => a.kind === k).length})`,
      aggs.filter((a) => a.kind === k),
    ),
  );
  const tables = [
    htmlTable(
      head,
      [...byKind, aggRow(`All (${aggs.length})`, aggs)],
      1,
      'Means over the schools of each kind of locality; effectiveness in pupil SD, trust 0 to 1.',
    ),
  ];
  if (aggs.length > 2 * GROUP_TABLE_EXTREMES) {
    const ranked = [...aggs].sort((a, b) => b.end - a.end || a.name.localeCompare(b.name));
    const n = GROUP_TABLE_EXTREMES / 2;
    const pick = [...ranked.slice(0, n), ...ranked.slice(-n)];
    tables.push(
      htmlTable(
        ['Locality', 'Kind', 'Schools', 'Effectiveness at start', 'At end', 'Change'],
        pick.map((a, i) => [
          `${a.name} (${i < n ? 'highest' : 'lowest'})`,
          a.kind,
          String(a.schools),
          fixed3(a.start),
          fixed3(a.end),
          changeText(a.start, a.end, false, 3),
        ]),
        2,
        `The ${n} localities with the highest and the ${n} with the lowest mean school effectiveness at the end, of ${aggs.length} (every school is in schools.csv, with its locality).`,
      ),
    );
  }
  return tables.join('\n');
}

const SCHOOL_ID_COLUMNS = ['school_id', 'id', 'name', 'school', 'urn'];
const SCHOOL_TABLE_SIZE = 5;

interface ScoredSchool {
  id: string;
  r: Record<string, Cell>;
  start: number;
  end: number;
}

/**
 * The schools with a finite start and end effectiveness, ranked by change
 * (most improved first, ties in row order): all of them when there are at
 * most 2n, else the first n and the last n of that ranking. The extremes are
 * picked in one pass over the rows (a national run has 20,000 schools, and
 * the report shows ten), with the ranking a full sort would give.
 */
function rankedSchools(rows: Record<string, Cell>[], idCol: string | undefined, n: number): { picked: ScoredSchool[]; scored: number; extremes: boolean } {
  const change = new Float64Array(rows.length);
  const finite: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const start = Number(rows[i].effectiveness_start);
    const end = Number(rows[i].effectiveness);
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    change[i] = end - start;
    finite.push(i);
  }
  // i ranks before j: a larger change, or the same change and an earlier row.
  const before = (i: number, j: number) => change[i] > change[j] || (change[i] === change[j] && i < j);
  const score = (i: number): ScoredSchool => ({
    id: idCol ? String(rows[i][idCol]) : `School ${i + 1}`,
    r: rows[i],
    start: Number(rows[i].effectiveness_start),
    end: Number(rows[i].effectiveness),
  });
  if (finite.length <= 2 * n) {
    const all = finite.sort((i, j) => (before(i, j) ? -1 : before(j, i) ? 1 : 0));
    return { picked: all.map(score), scored: finite.length, extremes: false };
  }
  const top = keepFirst(finite, n, before);
  const bottom = keepFirst(finite, n, (i, j) => before(j, i)).reverse();
  return { picked: [...top, ...bottom].map(score), scored: finite.length, extremes: true };
}

/** The first n of xs in the order `before` (a strict total order), in that order. */
function keepFirst(xs: number[], n: number, before: (i: number, j: number) => boolean): number[] {
  const kept: number[] = [];
  for (const x of xs) {
    if (kept.length === n && !before(x, kept[n - 1])) continue;
    let k = kept.length === n ? n - 1 : kept.length;
    while (k > 0 && before(x, kept[k - 1])) {
      kept[k] = kept[k - 1];
      k--;
    }
    kept[k] = x;
  }
  return kept;
}

/** Top and bottom schools by change in effectiveness, if start and end are recorded. */
export function schoolTable(out: RunOutput): string | undefined {
  const rows = out.schools;
  if (rows.length === 0) return undefined;
  const cols = Object.keys(rows[0]);
  if (!cols.includes('effectiveness_start') || !cols.includes('effectiveness')) return undefined;
  const extra = ['group', 'disadvantaged'].filter((c) => cols.includes(c));
  const n = SCHOOL_TABLE_SIZE;
  const ranked = rankedSchools(
    rows,
    SCHOOL_ID_COLUMNS.find((c) => cols.includes(c)),
    n,
  );
  const picked = ranked.picked.map((s, k) => ({ s, band: !ranked.extremes ? '' : k < n ? 'Most improved' : 'Least improved' }));
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
    ? `The ${n} schools whose effectiveness rose most and the ${n} whose effectiveness rose least (or fell), of ${ranked.scored}.`
    : `All ${ranked.scored} schools, ordered by change in effectiveness.`;
  return htmlTable(head, body, 1 + extra.length, caption);
}
