/**
 * Key paths into a parsed document (`school.size`, `events[2].kind`): rendering
 * them for messages and reading them back.
 */

export type PathSegment = string | number;

/**
 * Renders a key path as `a.b[2].c`. By default keys that are not simple
 * identifiers are bracketed and quoted (`a["my key"]`); with `quoteKeys: false`
 * every key is joined with dots as written.
 */
export function pathToString(path: readonly PropertyKey[], opts: { quoteKeys?: boolean } = {}): string {
  const quoteKeys = opts.quoteKeys ?? true;
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (!quoteKeys || (typeof seg === 'string' && /^[A-Za-z_$][\w$-]*$/.test(seg))) out += out ? `.${String(seg)}` : String(seg);
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** Reads back a path written by `pathToString`: `a.b[2]["c d"]` -> ['a', 'b', 2, 'c d']. */
export function parsePath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(String(JSON.parse(`"${m[3]}"`)));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}
