/** Plain-text tables and number formatting for the benchmark report. */

export function table(headers: string[], rows: (string | number)[][], align: ('l' | 'r')[] = []): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((v, c) => ((align[c] ?? (c === 0 ? 'l' : 'r')) === 'l' ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), sep, ...cells.slice(1).map(line)].join('\n');
}

export const fmt = {
  ms: (x: number) => (!Number.isFinite(x) ? 'n/a' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3)),
  s: (ms: number) => (!Number.isFinite(ms) ? 'n/a' : (ms / 1000).toFixed(2) + ' s'),
  rate: (x: number) => (!Number.isFinite(x) ? 'n/a' : x >= 1e6 ? (x / 1e6).toFixed(2) + ' M' : x >= 1e3 ? (x / 1e3).toFixed(1) + ' k' : x.toFixed(0)),
  mib: (b: number) => (!Number.isFinite(b) ? 'n/a' : (b / 2 ** 20).toFixed(1) + ' MiB'),
  int: (x: number) => (!Number.isFinite(x) ? 'n/a' : Math.round(x).toLocaleString('en-GB')),
  ratio: (x: number) => (!Number.isFinite(x) ? 'n/a' : x >= 100 ? x.toFixed(0) + 'x' : x >= 10 ? x.toFixed(1) + 'x' : x.toFixed(2) + 'x'),
  pct: (x: number) => (!Number.isFinite(x) ? 'n/a' : (100 * x).toFixed(1) + '%'),
  /** A long duration in the largest sensible unit: seconds, minutes, hours or days. */
  long: (ms: number) =>
    ms < 120_000
      ? fmt.s(ms)
      : ms < 7_200_000
        ? `${(ms / 60_000).toFixed(0)} min`
        : ms < 172_800_000
          ? `${(ms / 3_600_000).toFixed(0)} h`
          : `${(ms / 86_400_000).toFixed(0)} days`,
};

export function heading(title: string): void {
  console.log(`\n== ${title} ${'='.repeat(Math.max(0, 74 - title.length))}`);
}
