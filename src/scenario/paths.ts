/**
 * Setting factor values in a raw (unvalidated) scenario object by dotted key
 * path. Missing intermediate objects are created, so `leaders.candour.mean`
 * works on a base scenario that does not mention `leaders`; numeric segments
 * index into arrays that already exist.
 */
/** A value set at a key path: a number, a category or a switch (a sweep's factor value). */
export type FactorValue = number | string | boolean;

export class PathError extends Error {}

function splitPath(path: string): string[] {
  return path.split('.');
}

type Container = Record<string, unknown> | unknown[];

function isContainer(x: unknown): x is Container {
  return x !== null && typeof x === 'object';
}

/** Set `value` at `path` inside `target` (mutates). */
function setPath(target: Record<string, unknown>, path: string, value: FactorValue): void {
  const segs = splitPath(path);
  let node: Container = target;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i];
    const container = node;
    let next: unknown;
    if (Array.isArray(container)) {
      const idx = Number(seg);
      if (!/^\d+$/.test(seg) || idx >= container.length) {
        throw new PathError(
          `'${segs.slice(0, i + 1).join('.')}' is not an element of the array at '${segs.slice(0, i).join('.')}' (length ${container.length})`,
        );
      }
      next = container[idx];
    } else {
      next = container[seg];
      if (next === undefined) {
        next = {};
        container[seg] = next;
      }
    }
    if (!isContainer(next)) {
      throw new PathError(`'${segs.slice(0, i + 1).join('.')}' holds a ${next === null ? 'null' : typeof next}, so '${path}' cannot be set`);
    }
    node = next;
  }
  const last = segs[segs.length - 1];
  if (Array.isArray(node)) {
    const idx = Number(last);
    if (!/^\d+$/.test(last) || idx >= node.length) {
      throw new PathError(`'${path}' is not an element of the array at '${segs.slice(0, -1).join('.')}'`);
    }
    node[idx] = value;
  } else {
    node[last] = value;
  }
}

/** A deep copy of `base` with each factor value set at its path. */
export function applyFactors(base: Record<string, unknown>, paths: readonly string[], values: readonly FactorValue[]): Record<string, unknown> {
  const raw = structuredClone(base);
  for (let i = 0; i < paths.length; i++) setPath(raw, paths[i], values[i]);
  return raw;
}

/** Whether `target` has a value at `path` (every segment present). */
export function hasPath(target: Record<string, unknown>, path: string): boolean {
  let node: unknown = target;
  for (const seg of splitPath(path)) {
    if (!isContainer(node)) return false;
    const next: unknown = Array.isArray(node) ? node[Number(seg)] : node[seg];
    if (next === undefined) return false;
    node = next;
  }
  return true;
}

/**
 * A copy of a raw scenario with a profile's parameters set wherever the
 * scenario does not set the key itself, and its `profile` key removed
 * (docs/calibration.md). Platform-free: the workshop applies shipped
 * profiles with it in the browser.
 */
export function applyProfile(raw: Record<string, unknown>, parameters: Record<string, FactorValue>): Record<string, unknown> {
  const { profile: _profile, ...own } = raw;
  const missing = Object.keys(parameters).filter((p) => !hasPath(own, p));
  return applyFactors(
    own,
    missing,
    missing.map((p) => parameters[p]),
  );
}
