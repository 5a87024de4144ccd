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

/**
 * Writes the policy columns of school s into its row (`row[column] = cell`,
 * in POLICY_SCHOOL_COLUMNS order): made once per table, called once per
 * school. The cells go straight into the school's row: an object of its own
 * per school, spread into the row, was 20,000 more objects to collect in a
 * national run.
 */
export type PolicyCells = (row: Record<string, Cell>, s: number) => void;

/** The writer of the policy columns for this state (empty cells without the policy layer). */
export function policyCells(state: ModelState): PolicyCells {
  const P = state.policy;
  if (!P) {
    const keys = Object.keys(POLICY_SCHOOL_COLUMNS);
    return (row) => {
      for (const k of keys) row[k] = '';
    };
  }
  const S = state.schools;
  const totals = P.mats.map((m) => m.external);
  for (let s = 0; s < S.n; s++) if (S.mat[s] >= 0) totals[S.mat[s]]++;
  const roleNames = Object.keys(ROLE_BITS) as (keyof typeof ROLE_BITS)[];
  return (row, s) => {
    const m = S.mat[s];
    const mat = m >= 0 ? P.mats[m] : undefined;
    const bits = P.spannerRole[S.leader[s]];
    const d = P.hubDistKm[s];
    row.locality = P.localityOf[s] + 1;
    row.locality_kind = P.localities[P.localityOf[s]]?.kind ?? '';
    row.mat_size_class = mat ? MAT_SIZE_CLASSES[sizeClass(totals[m])] : '';
    row.mat_local = mat ? mat.local : '';
    row.mat_open = mat ? mat.open : '';
    row.hub_engagements = engagementsOf(P, s);
    row.hub_distance_km = Number.isNaN(d) ? '' : d;
    row.spanner_roles = bits === 0 ? '' : roleNames.filter((r) => bits & ROLE_BITS[r]).join(' ');
    row.rivalry = P.pressure[s];
    row.pl_access = P.access[s];
    row.practice_adopted = P.adopted[s] === 1;
    row.practice_adopted_year = P.adoptedTick[s] >= 0 ? (P.adoptedTick[s] - state.t0) / state.ticksPerYear : '';
  };
}
