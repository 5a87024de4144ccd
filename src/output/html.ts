/**
 * The one HTML page shell shared by every report (run, comparison, sweep),
 * and the escaping every report applies to text that comes from a scenario,
 * manifest or output row. Pages are self-contained: inline CSS, no scripts,
 * no external links.
 */

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface PageOptions {
  /** Page title as plain text (escaped here). */
  title: string;
  /** Style sheet, placed verbatim between `<style>` and `</style>`. */
  css: string;
  /** Markup of the page body, between `<body>` and `</body>` (each on its own line). */
  body: string;
  /** Value of `<meta name="generator">`; the tag is left out when absent. */
  generator?: string;
  /** Spelling of the document type declaration (default `<!DOCTYPE html>`). */
  doctype?: '<!DOCTYPE html>' | '<!doctype html>';
}

/** A complete HTML page, ending with a newline. */
export function page(opts: PageOptions): string {
  const generator = opts.generator === undefined ? '' : `<meta name="generator" content="${escapeHtml(opts.generator)}">\n`;
  return `${opts.doctype ?? '<!DOCTYPE html>'}
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${generator}<title>${escapeHtml(opts.title)}</title>
<style>${opts.css}</style>
</head>
<body>
${opts.body}
</body>
</html>
`;
}
