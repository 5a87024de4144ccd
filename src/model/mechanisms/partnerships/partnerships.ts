/**
 * Forming partnerships and other groups of neighbouring schools: one
 * algorithm. Schools are ordered along a serpentine path through horizontal
 * strips (left to right in even strips, right to left in odd ones), and the
 * path is cut into consecutive runs.
 *
 * Two cut rules exist, and which one applies is part of the scenario's
 * meaning, not an accident of the code path:
 * - `partnershipSpecs` (the core layout, no `locality`): runs of exactly
 *   `partnerships.size` schools, a lone school at the end joining the last run;
 * - `serpentineChunks` (localities): k runs of near-equal length, so that
 *   partnerships, heads' clusters, hub work groups and trust leadership
 *   groups in a place are balanced.
 * Replacing the first by the second changes the outputs of every core
 * scenario, so it belongs with the model-credibility change (see
 * docs/ARCHITECTURE.md), not with a restructuring.
 */
import type { Rng } from '../../../engine/rng.ts';
import { permutation } from '../../../engine/rng.ts';
import type { Scenario } from '../../schema.ts';
import type { GroupSpec } from '../../core/group-spec.ts';
import type { ModelState } from '../../core/state.ts';
import { GROUP_KINDS } from '../../core/kinds.ts';
import type { PracticesEvent } from './params.ts';
import type { z } from 'zod';

/** Sort schools in place along the serpentine path: strip of (y - y0) / span, then x (alternating), then index. */
export function serpentineOrder(schools: number[], x: Float32Array, y: Float32Array, o: { strips: number; y0: number; span: number }): number[] {
  const { strips, y0, span } = o;
  const stripOf = (s: number) => Math.min(strips - 1, Math.floor(((y[s] - y0) / span) * strips));
  return schools.sort((a, b) => {
    const sa = stripOf(a);
    const sb = stripOf(b);
    if (sa !== sb) return sa - sb;
    const dir = sa % 2 === 0 ? 1 : -1;
    return dir * (x[a] - x[b]) || a - b;
  });
}

/**
 * Chunk schools into groups of neighbours: order them along a serpentine path
 * through horizontal strips of their bounding box, then cut the path into
 * k runs of near-equal length, with k = round(n / size) for groups of about
 * `size` (partnerships, clusters, work groups) or k = ceil(n / size) when
 * `size` is a cap (trust leadership groups). Every run has at least 2 schools.
 */
export function serpentineChunks(schools: readonly number[], x: Float32Array, y: Float32Array, size: number, cap = false): number[][] {
  const n = schools.length;
  if (n < 2) return [];
  let y0 = Infinity,
    y1 = -Infinity;
  for (const s of schools) {
    if (y[s] < y0) y0 = y[s];
    if (y[s] > y1) y1 = y[s];
  }
  const order = serpentineOrder([...schools], x, y, { strips: Math.max(1, Math.round(Math.sqrt(n / size))), y0, span: y1 - y0 || 1 });
  const k = Math.min(Math.floor(n / 2), Math.max(1, cap ? Math.ceil(n / size) : Math.round(n / size)));
  const out: number[][] = [];
  for (let c = 0; c < k; c++) out.push(order.slice(Math.round((c * n) / k), Math.round(((c + 1) * n) / k)));
  return out;
}

/**
 * Partnerships of nearby schools: schools are ordered along a serpentine path
 * through spatial strips, and consecutive runs of `size` schools form a partnership.
 */
export function partnershipSpecs(s: Scenario, state: ModelState, rng: Rng): GroupSpec[] {
  const P = s.partnerships;
  const { schools } = state;
  const n = schools.n;
  const covered = Math.round(P.coverage * n);
  if (covered < 2) return [];
  // Which schools are covered: a seeded choice.
  const chosen = permutation(n, rng).slice(0, covered);
  // The core layout is the unit square: strips span y in [0, 1).
  serpentineOrder(chosen, schools.x, schools.y, { strips: Math.max(1, Math.round(Math.sqrt(covered / P.size))), y0: 0, span: 1 });
  const specs: GroupSpec[] = [];
  for (let k = 0; k < chosen.length; k += P.size) {
    let members = chosen.slice(k, k + P.size);
    if (members.length < 2) {
      // A lone school at the end joins the previous partnership.
      specs[specs.length - 1].members.push(...members);
      continue;
    }
    members = members.map((sch) => schools.leader[sch]);
    specs.push({
      name: `P${specs.length + 1}`,
      kind: 'partnership',
      members,
      meetingsPerYear: P.meetingsPerYear,
      practices: { ...P.practices },
      peerReview: P.peerReview.enabled,
      trainingQuality: P.peerReview.trainingQuality,
      formed: 0,
    });
  }
  return specs;
}

/** The `practices` event: partnerships adopt (true) or drop (false) structural practices. */
export function applyPractices(state: ModelState, ev: z.output<typeof PracticesEvent>): void {
  const G = state.groups;
  const partnership = GROUP_KINDS.indexOf('partnership');
  for (let g = 0; g < G.n; g++) {
    if (G.kind[g] !== partnership) continue;
    if (ev.codeOfConduct !== undefined) G.codeOfConduct[g] = ev.codeOfConduct ? 1 : 0;
    if (ev.partnershipLead !== undefined) G.partnershipLead[g] = ev.partnershipLead ? 1 : 0;
    if (ev.informalTime !== undefined) G.informalTime[g] = ev.informalTime ? 1 : 0;
    if (ev.writtenRoles !== undefined) G.writtenRoles[g] = ev.writtenRoles ? 1 : 0;
  }
}
