/**
 * The built-in default scenario: what `npm start` (`collabsim run --default`)
 * runs and what the library's `defaultScenario()` starts from. Only what
 * differs from the schema's defaults is written here; the schema fills in
 * every other value.
 */
import type { ScenarioInput } from './schema.ts';

export const DEFAULT_SCENARIO: ScenarioInput = {
  name: 'default',
  question:
    'How do relational trust, challenge and school improvement develop over five years in a locality of 72 primary schools working in partnerships of six?',
  description:
    'The built-in default scenario: 72 primary schools in twelve local partnerships of six heads who meet every half term, with no structural practices and no peer review.',
  schools: { count: 72 },
  partnerships: { size: 6 },
};
