/**
 * The layers, and the rule that keeps each one (run by `npm run lint:layers`, part of `npm test`):
 *
 *   bot/ (Teams only) ──► app/ (use cases) ──► domain/ (rules) ──► plan/ (data + schema)
 *     │                     │   └─► views/ (view-models) ◄── cards/ (Adaptive Cards), documents/ (Word, Excel)
 *     └─ composition root ──┴─► storage/ (Table Storage, behind ports declared in app/ and domain/)
 *                           └─► workers/ (documents/ drawn in worker threads, behind a port declared in app/)
 *
 * test/architecture/layer-rules.test.ts shows each rule failing on a deliberately broken tree.
 */
const LAYERS = ['app', 'bot', 'cards', 'documents', 'domain', 'plan', 'storage', 'views', 'workers'];
const not = (...folders) => `^(${folders.join('|')})/`;
const only = (...allowed) =>
  not(...[...LAYERS, 'scripts', 'test'].filter((folder) => !allowed.includes(folder)));

/** A layer's imports of our own code: from `layer`/ only into the `allowed` folders. */
const layerImports = (name, layer, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: `^${layer}/` },
  to: { path: only(...allowed) },
});

/** A layer may use only these npm packages (and Node's own modules only where `core` says so). */
const packagesOf = (layer, packages, { core = false, why }) => [
  {
    name: `${layer}-uses-only-its-packages`,
    comment: `${layer}/ may use ${packages.join(', ') || 'no npm package'}: ${why}`,
    severity: 'error',
    from: { path: `^${layer}/` },
    to: {
      path: '(^|/)node_modules/',
      ...(packages.length > 0 ? { pathNot: `(^|/)node_modules/(${packages.join('|')})/` } : {}),
    },
  },
  ...(core
    ? []
    : [
        {
          name: `${layer}-has-no-io`,
          comment: `${layer}/ does no I/O of its own: no Node built-in modules.`,
          severity: 'error',
          from: { path: `^${layer}/` },
          to: { dependencyTypes: ['core'] },
        },
      ]),
];

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycles, type-only imports included: each layer builds on the ones below it.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layerImports(
      'domain-is-pure',
      'domain',
      ['domain', 'plan'],
      'domain/ holds the rules: it imports only itself and the plan, never cards, storage, app or bot.',
    ),
    layerImports('plan-is-data', 'plan', ['plan'], 'plan/ is the plan file and its schema.'),
    layerImports(
      'views-are-view-models',
      'views',
      ['views', 'domain', 'plan'],
      'views/ turns domain state into what a card shows; it knows nothing of cards, storage or Teams.',
    ),
    layerImports(
      'cards-draw-view-models',
      'cards',
      ['cards', 'views'],
      'cards/ are pure functions of a view-model: they import views/ and nothing else of ours.',
    ),
    layerImports(
      'documents-draw-view-models',
      'documents',
      ['documents', 'views'],
      'documents/ (the Word and Excel board pack) are pure functions of a view-model, like cards.',
    ),
    layerImports(
      'workers-run-documents',
      'workers',
      ['workers', 'documents', 'views', 'app'],
      'workers/ draw documents/ in worker threads behind the renderer port of app/; nothing else of ours.',
    ),
    layerImports(
      'app-uses-ports',
      'app',
      ['app', 'domain', 'views', 'plan'],
      'Use cases reach storage and Teams through ports they declare; they never import bot, cards or storage.',
    ),
    layerImports(
      'storage-implements-ports',
      'storage',
      ['storage', 'domain', 'app', 'plan'],
      'storage/ implements the ports of domain/ and app/; it knows nothing of cards, views or Teams.',
    ),
    {
      name: 'bot-reaches-storage-only-in-the-composition-root',
      comment:
        'Only the composition root (and the entry point that starts the embedded store) builds storage; one-line-problem only names its errors.',
      severity: 'error',
      from: { path: '^bot/', pathNot: '^bot/(composition-root|main|one-line-problem)\\.ts$' },
      to: { path: '^storage/' },
    },
    {
      name: 'teams-sdk-only-in-bot',
      comment:
        'Every Teams type stays in bot/: the Teams SDK (and the archived Bot Framework SDK it replaced) is reached from bot/ only, so the next SDK move touches bot/ alone.',
      severity: 'error',
      from: { path: not('app', 'cards', 'documents', 'domain', 'plan', 'storage', 'views') },
      to: {
        path: '(^|/)node_modules/(botbuilder[^/]*|botframework-[^/]+|@microsoft/teams-ai|@microsoft/teams\\.[^/]+)/',
      },
    },
    {
      name: 'code-lives-in-the-layers',
      comment: 'A file outside the known folders would be a way round every rule above.',
      severity: 'error',
      from: {},
      to: {
        dependencyTypes: ['local'],
        pathNot: `^(${[...LAYERS, 'scripts', 'test', 'manifest'].join('|')})/`,
      },
    },
    ...packagesOf('domain', ['zod'], { why: 'pure rules and the schemas of what they decide' }),
    ...packagesOf('app', ['async-lock', 'exponential-backoff'], {
      why: 'use cases reach everything outside through ports; the write pipeline holds the lock and backoff',
    }),
    ...packagesOf('views', [], { why: 'view-models are plain data' }),
    ...packagesOf('plan', ['zod'], { core: true, why: 'the plan file and its schema' }),
    ...packagesOf('cards', ['zod', 'adaptivecards-templating'], { why: 'templates and payload schemas' }),
    ...packagesOf('documents', ['docx', 'exceljs', 'fflate', '@napi-rs/canvas', '@fontsource/[^/]+'], {
      core: true,
      why: 'Word, Excel, the chart image, and re-zipping them with a fixed time',
    }),
    ...packagesOf('workers', ['piscina'], { core: true, why: 'a bounded pool of drawing threads' }),
    ...packagesOf('storage', ['zod', '@azure/[^/]+', 'azurite', 'exponential-backoff'], {
      core: true,
      why: 'Table Storage, the embedded Azurite, and the seal move retried on 412',
    }),
    {
      name: 'product-code-never-imports-scripts-or-tests',
      severity: 'error',
      from: { path: not(...LAYERS) },
      to: { path: not('scripts', 'test') },
    },
    {
      name: 'scripts-never-import-tests',
      comment: 'What scripts and tests share lives in scripts/support/, which both may import.',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^test/' },
    },
    {
      name: 'product-code-uses-production-dependencies',
      comment: 'npm ci --omit=dev (the Docker image) must still run it.',
      severity: 'error',
      from: { path: not(...LAYERS) },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Not node_modules: an import of a package is an edge the package rules must see (doNotFollow keeps
    // the packages' own imports out). The deliberately broken tree is checked by its own test.
    exclude: { path: '^(dist|build)/|^test/fixtures/layer-violations/' },
    // Type-only imports count: a cycle through `import type` is still a cycle between layers.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
