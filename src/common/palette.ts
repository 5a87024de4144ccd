/**
 * Colours and labels shared by every presentation of results (charts and
 * reports in output/, the workshop app): one palette, one set of names for
 * the Lencioni levels. Platform-free and dependency-free, so any layer may
 * import it.
 */

/** Okabe–Ito colour-blind-safe palette. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

/** Lencioni levels from the base of the pyramid to the top. */
export const LENCIONI_LEVELS = [
  { metric: 'lencioni_trust', key: 'trust', label: 'Trust', color: OKABE_ITO.blue },
  { metric: 'lencioni_conflict', key: 'conflict', label: 'Productive conflict', color: OKABE_ITO.green },
  { metric: 'lencioni_commitment', key: 'commitment', label: 'Commitment', color: OKABE_ITO.orange },
  { metric: 'lencioni_accountability', key: 'accountability', label: 'Accountability', color: OKABE_ITO.vermillion },
  { metric: 'lencioni_results', key: 'results', label: 'Results', color: OKABE_ITO.purple },
] as const;
