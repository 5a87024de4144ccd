// collabsim as a library, with plain node (after `npm install collabsim`,
// or in a clone after `npm run build`):  node examples/library.mjs
import { fileURLToPath } from 'node:url';
import { defaultScenario, loadScenario, simulate } from 'collabsim';

// A scenario file: one of your own, or one of the examples the package ships.
const file = fileURLToPath(import.meta.resolve('collabsim/scenarios/locality-baseline.yaml'));
const out = simulate(loadScenario(file), { seed: 3 });
console.log(out.summary.trust_mean, out.summary.lencioni_results);

// Or the built-in default scenario, with any top-level keys replaced.
const short = simulate(defaultScenario({ years: 2 }), { seed: 3 });
console.log(short.summary.trust_mean);
