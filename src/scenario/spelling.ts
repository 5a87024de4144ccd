/**
 * Spelling suggestions for misspelt keys and values (`did you mean 'seed'?`).
 */

/** Damerau-Levenshtein distance (optimal string alignment variant). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < rows; i++) d[i][0] = i;
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[rows - 1][cols - 1];
}

/**
 * The closest option to `word`, if it is within max(2, len/3) edits (case-insensitive)
 * and not a complete rewrite of the word.
 */
function closest(word: string, options: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const option of options) {
    if (option === word) continue;
    const dist = editDistance(word.toLowerCase(), option.toLowerCase());
    // a suggestion that shares nothing with the word (e.g. 'x' -> 'a') is noise
    if (dist >= Math.max(word.length, option.length)) continue;
    if (dist <= limit && dist < bestDistance) {
      best = option;
      bestDistance = dist;
    }
  }
  return best;
}

/** `did you mean 'X'?` for the closest option, if any is close enough. */
export function didYouMean(word: string, options: readonly string[]): string | undefined {
  const match = closest(word, options);
  return match === undefined ? undefined : `did you mean '${match}'?`;
}

/** `{ hint }` when there is one, `{}` otherwise (for spreading into an issue). */
export function optionalHint(hint: string | undefined): { hint?: string } {
  return hint ? { hint } : {};
}
