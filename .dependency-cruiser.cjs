/**
 * The layers of collabsim, bottom to top. This list is the one place they
 * are written down: a module may import from its own layer and from layers
 * listed before it, never from a layer listed after it. `npm run lint:layers`
 * (and test/architecture/layers.test.ts) fail on an upward import or an
 * import cycle. docs/ARCHITECTURE.md explains each layer.
 */
const LAYERS = [
  { name: 'common', path: '^src/common/' },
  { name: 'engine', path: '^src/engine/' },
  { name: 'model', path: '^src/model/' },
  { name: 'scenario', path: '^src/scenario/' },
  { name: 'output', path: '^src/output/' },
  { name: 'experiment', path: '^src/experiment/' },
  { name: 'interfaces', path: '^src/(cli/|workshop/|api\\.ts$|index\\.ts$)' },
];

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.name}`,
  comment: `${layer.name} may use only ${LAYERS.slice(0, i + 1)
    .map((l) => l.name)
    .join(', ')}`,
  severity: 'error',
  from: { path: layer.path },
  to: { path: LAYERS.slice(i + 1).map((l) => l.path) },
}));

/** Inside the model: mechanisms and core never reach up into the tick order or the public entry. */
const modelInternals = [
  {
    name: 'model-core-below-mechanisms',
    comment: 'model/core holds state, setup and context shared by every mechanism; it must not depend on one',
    severity: 'error',
    from: { path: '^src/model/core/' },
    to: { path: '^src/model/(mechanisms|structure|observe)/|^src/model/[^/]+\\.ts$', pathNot: '^src/model/schema\\.ts$' },
  },
  {
    name: 'mechanisms-not-up',
    comment: 'a mechanism uses core, engine, common and other mechanisms, never the tick order or the run entry',
    severity: 'error',
    from: { path: '^src/model/mechanisms/' },
    to: { path: '^src/model/[^/]+\\.ts$', pathNot: '^src/model/schema\\.ts$' },
  },
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'import cycles make layers meaningless',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upward,
    ...modelInternals,
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
    },
  },
};
