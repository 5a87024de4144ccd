/**
 * Colours: the Okabe–Ito palette, which stays distinguishable under the
 * common forms of colour blindness. Trust runs from vermillion (low) through
 * grey to blue (high); every colour is paired with a second cue (thickness,
 * a label or a number).
 */
import { LENCIONI_LEVELS, OKABE_ITO as OI } from '../../../common/palette.ts';

export { OI };

const TRUST_STOPS: [number, [number, number, number]][] = [
  [0, [0xd5, 0x5e, 0x00]],
  [0.35, [0xe6, 0x9f, 0x00]],
  [0.5, [0xb0, 0xb0, 0xb0]],
  [0.65, [0x56, 0xb4, 0xe9]],
  [1, [0x00, 0x72, 0xb2]],
];

/** Colour of a relational-trust value in [0, 1]. */
export function trustColor(t: number): string {
  const x = t < 0 ? 0 : t > 1 ? 1 : t;
  for (let k = 1; k < TRUST_STOPS.length; k++) {
    const [x1, c1] = TRUST_STOPS[k];
    if (x <= x1) {
      const [x0, c0] = TRUST_STOPS[k - 1];
      const u = (x - x0) / (x1 - x0);
      const c = c0.map((v, i) => Math.round(v + u * (c1[i] - v)));
      return `rgb(${c[0]},${c[1]},${c[2]})`;
    }
  }
  return 'rgb(0,114,178)';
}

/** Inadequate, Requires improvement, Good, Outstanding. */
export const GRADE_COLORS = [OI.vermillion, OI.orange, OI.skyBlue, OI.blue];
export const GRADE_SHORT = ['Inadequate', 'Req. improv.', 'Good', 'Outstanding'];
/** Text colour that reads on each grade colour. */
export const GRADE_INK = ['#ffffff', '#000000', '#000000', '#ffffff'];

/** One colour per school in team mode (up to eight). */
export const SCHOOL_COLORS = [OI.blue, OI.orange, OI.green, OI.vermillion, OI.purple, OI.skyBlue, OI.black, '#b8a000'];

/** Lencioni levels, base to top (labels as in the CLI's charts). */
export const LEVELS = LENCIONI_LEVELS.map((l) => ({ key: l.key, label: l.label, color: l.color, metric: l.metric }));

export const PARTS = [
  { key: 'respect', label: 'Respect', color: OI.orange },
  { key: 'regard', label: 'Personal regard', color: OI.skyBlue },
  { key: 'competence', label: 'Competence', color: OI.green },
  { key: 'integrity', label: 'Integrity', color: OI.vermillion },
] as const;

export const TRAITS = [
  { key: 'openness', short: 'Open', label: 'Openness to vulnerability' },
  { key: 'candour', short: 'Candour', label: 'Candour (will to challenge)' },
  { key: 'propensity', short: 'Trusting', label: 'Propensity to trust' },
  { key: 'competitiveness', short: 'Compet.', label: 'Competitiveness' },
  { key: 'followThrough', short: 'Keeps word', label: 'Follow-through (integrity)' },
  { key: 'moralPurpose', short: 'Purpose', label: 'Moral purpose (collective results)' },
  { key: 'competence', short: 'Skill', label: 'Leadership competence' },
] as const;
