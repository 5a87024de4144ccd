/** A factor's value in a design point: a number, a category or a switch. */
export type FactorValue = number | string | boolean;
