/**
 * Setting values in raw scenario objects by dotted key path lives in the
 * scenario layer (scenario files use it for profiles); the sweep machinery
 * uses it from there.
 */
export { applyFactors, hasPath, PathError } from '../scenario/paths.ts';
