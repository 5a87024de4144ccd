/**
 * Per-school output columns of the policy layer (appended to schools.csv).
 */
import type { Cell } from '../../engine/contract.ts';
import type { ModelState } from '../core/state.ts';
import { MAT_SIZE_CLASSES, ROLE_BITS, sizeClass } from '../core/policy-state.ts';
import { engagementsOf } from '../mechanisms/hubs/hubs.ts';

export const POLICY_SCHOOL_COLUMNS: Record<string, string> = {
  locality: 'Locality number (1-based; several for the national preset).',
  locality_kind: 'Kind of locality: city, town, shire, county or custom.',
  mat_size_class: 'Size class of its trust: small (2-5), medium (6-15) or large (16+), counting schools outside the area; empty when not in a MAT.',
  mat_local: 'Whether its trust is local (empty when not in a MAT).',
  mat_open: 'Whether its trust is open rather than boundary-keeping (empty when not in a MAT).',
  hub_engagements: 'Hubs and alliances the school engaged with in the final year.',
  hub_distance_km: 'Distance to the nearest hub (km); empty without hubs.',
  spanner_roles: 'Boundary-spanning roles of its head (hubLead, specialistLeader, governor), space-separated.',
  rivalry: 'Competitive pressure on the school at the end (0..1).',
  pl_access: 'Access to professional learning at the end (learning inflow per year, smoothed over about a year).',
  practice_adopted: 'Whether the school uses the spreading practice at the end.',
  practice_adopted_year: 'Year in which it adopted the practice (0 for the first adopters); empty if it did not.',
};

/** The policy columns of every school (one object per school, in school order). */
export function policySchoolRows(state: ModelState): Record<string, Cell>[] {
  const P = state.policy;
  const S = state.schools;
  const rows: Record<string, Cell>[] = [];
  if (!P) {
    for (let s = 0; s < S.n; s++) {
      const out: Record<string, Cell> = {};
      for (const k of Object.keys(POLICY_SCHOOL_COLUMNS)) out[k] = '';
      rows.push(out);
    }
    return rows;
  }
  const totals = P.mats.map((m) => m.external);
  for (let s = 0; s < S.n; s++) if (S.mat[s] >= 0) totals[S.mat[s]]++;
  for (let s = 0; s < S.n; s++) {
    const m = S.mat[s];
    const mat = m >= 0 ? P.mats[m] : undefined;
    const bits = P.spannerRole[S.leader[s]];
    const roles = (Object.keys(ROLE_BITS) as (keyof typeof ROLE_BITS)[]).filter((r) => bits & ROLE_BITS[r]);
    const d = P.hubDistKm[s];
    rows.push({
      locality: P.localityOf[s] + 1,
      locality_kind: P.localities[P.localityOf[s]]?.kind ?? '',
      mat_size_class: mat ? MAT_SIZE_CLASSES[sizeClass(totals[m])] : '',
      mat_local: mat ? mat.local : '',
      mat_open: mat ? mat.open : '',
      hub_engagements: engagementsOf(P, s),
      hub_distance_km: Number.isNaN(d) ? '' : d,
      spanner_roles: roles.join(' '),
      rivalry: P.pressure[s],
      pl_access: P.access[s],
      practice_adopted: P.adopted[s] === 1,
      practice_adopted_year: P.adoptedTick[s] >= 0 ? (P.adoptedTick[s] - state.t0) / state.ticksPerYear : '',
    });
  }
  return rows;
}
