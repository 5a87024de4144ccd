/** Look-ups in the relationship network (CSR edges sorted by source, then destination). */

/**
 * The edge i -> j of a CSR edge set sorted by (src, dst), by binary search
 * over i's destinations; -1 if there is none.
 */
export function findEdge(outStart: Int32Array, dst: Int32Array, i: number, j: number): number {
  let lo = outStart[i];
  let hi = outStart[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = dst[mid];
    if (d < j) lo = mid + 1;
    else if (d > j) hi = mid - 1;
    else return mid;
  }
  return -1;
}
