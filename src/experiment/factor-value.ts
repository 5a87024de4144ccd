/** A factor's value in a design point: a number, a category or a switch (defined with key paths, in the scenario layer). */
export type { FactorValue } from '../scenario/paths.ts';
