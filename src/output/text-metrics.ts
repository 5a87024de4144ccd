/**
 * Text width estimates for headless chart layout.
 *
 * Without a canvas, Vega guesses every character to be 0.8 em wide, which
 * roughly doubles the width of typical text and leaves charts with wide empty
 * margins. Here widths come from the standard Helvetica/Arial character
 * widths (units of 1/1000 em), which is what the charts ask for, so legends,
 * titles and label truncation come out close to how a browser draws them.
 * The estimate is a pure function of the text, so layouts stay deterministic
 * on every machine.
 */

/** Helvetica advance widths for ASCII 32..126, in 1/1000 em. */
const ASCII_WIDTHS = [
  278,
  278,
  355,
  556,
  556,
  889,
  667,
  191,
  333,
  333,
  389,
  584,
  278,
  333,
  278,
  278, // space .. /
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556, // 0..9
  278,
  278,
  584,
  584,
  584,
  556,
  1015, // : ; < = > ? @
  667,
  667,
  722,
  722,
  667,
  611,
  778,
  722,
  278,
  500,
  667,
  556,
  833, // A..M
  722,
  778,
  667,
  778,
  722,
  667,
  611,
  722,
  667,
  944,
  667,
  667,
  611, // N..Z
  278,
  278,
  278,
  469,
  556,
  333, // [ \ ] ^ _ `
  556,
  556,
  500,
  556,
  556,
  278,
  556,
  556,
  222,
  222,
  500,
  222,
  833, // a..m
  556,
  556,
  556,
  556,
  333,
  500,
  278,
  556,
  500,
  722,
  500,
  500,
  500, // n..z
  334,
  260,
  334,
  584, // { | } ~
];

const OTHER_WIDTHS: Record<string, number> = {
  '\u2013': 556, // en dash
  '\u2014': 1000, // em dash
  '\u2018': 222,
  '\u2019': 222,
  '\u201c': 333,
  '\u201d': 333,
  '\u2026': 1000, // ellipsis
  '\u00a0': 278,
  '\u00b1': 584,
  '\u00d7': 584,
  '\u2264': 549,
  '\u2265': 549,
};

/** Bold Helvetica is a little wider on average. */
const BOLD_FACTOR = 1.08;

/**
 * Headroom for viewers that fall back to a wider sans-serif (e.g. DejaVu
 * Sans on Linux): layouts leave about 10% more room than Helvetica needs.
 */
const SAFETY_FACTOR = 1.1;

function charWidth(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 32 && c <= 126) return ASCII_WIDTHS[c - 32];
  return OTHER_WIDTHS[ch] ?? 556;
}

/** Estimated width in pixels of `text` at `fontSize` px. */
function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch);
  const w = (units / 1000) * fontSize * (bold ? BOLD_FACTOR : 1) * SAFETY_FACTOR;
  return Math.round(w * 100) / 100;
}

function isBold(weight: unknown): boolean {
  if (weight === undefined || weight === null) return false;
  if (typeof weight === 'number') return weight >= 600;
  return /bold|black|heavy|[6-9]00/i.test(String(weight));
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

/** Replacement for Vega's `textMetrics.width`. */
function vegaTextWidth(item: TextItem, text: unknown): number {
  const s = text === null || text === undefined ? '' : String(text).trim();
  if (!s) return 0;
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  if (size <= 0) return 0;
  const w = estimateTextWidth(s, size, isBold(item.fontWeight));
  const limit = Number(item.limit);
  return limit > 0 ? Math.min(w, limit) : w;
}

let installed = false;

/** Make Vega (the loaded `vega` module) use these estimates (idempotent, process-wide). */
export function installTextMetrics(vega: object): void {
  if (installed) return;
  // `textMetrics` is exported at run time but missing from vega's type declarations.
  const metrics = (vega as unknown as { textMetrics?: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
  if (!metrics) throw new Error('installTextMetrics: vega.textMetrics is not available');
  metrics.width = vegaTextWidth;
  installed = true;
}

/**
 * Break `text` into lines no wider than `maxWidth` px at `fontSize`, at spaces.
 * A single word longer than the line is kept whole.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const candidate = line ? `${line} ${w}` : w;
    if (line && estimateTextWidth(candidate, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = w;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
