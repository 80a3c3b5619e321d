// The house's layers and owners (docs/architecture.md), as rules that fail `npm run lint`.
// Run it with `npm run lint` or `node scripts/check-dependencies.ts`, not bare `depcruise`:
// dependency-cruiser cannot read .astro files, so that script cruises a copy of the tree in
// which each .astro file is its frontmatter (and <script>s) as TypeScript, then reports the
// .astro names. Edit the two tables below; the rules are built from them.

/**
 * Which modules own the tables of each db/schema file (docs/architecture.md, "Who owns which
 * table"). A module may import a schema file it owns, or one whose owners all sit in lower
 * layers; `reports` (the read model) may import every one. The files do not match the owners
 * one-to-one yet: a file listed with several owners holds tables of each (the comment says
 * which), and should be split so that each file has one owner.
 */
const SCHEMA_OWNERS = {
  'db/schema/auth.ts': ['auth', 'mail'], // users, sessions, auth_throttle, password_reset_tokens · outbox (mail)
  'db/schema/account.ts': ['account'], // addresses
  // villages … product_credentials; the stock module (a layer above catalog) writes product_variants' stock columns.
  'db/schema/catalog.ts': ['catalog'],
  'db/schema/stock.ts': ['stock'], // stock_adjustments
  'db/schema/units.ts': ['units'], // units, unit_members, unit_invites, unit_villages
  'db/schema/villages.ts': ['villages'], // village_managers
  'db/schema/cart.ts': ['cart'],
  'db/schema/ledger.ts': ['ledger'],
  'db/schema/payments.ts': ['payments'], // refunds, payment_events
  'db/schema/orders.ts': ['orders'],
  'db/schema/procurement.ts': ['procurement'],
  'db/schema/reports.ts': ['reports'],
  'db/schema/audit.ts': ['audit'], // audit_log (append-only)
};
/** Re-exports every schema file: importing it is importing all of them, so only `reports` may. */
const SCHEMA_BARREL = 'db/schema/index.ts';

/** docs/architecture.md, "Layers": a module imports only modules of lower layers (plus src/lib and db/). */
const LAYERS = {
  1: ['jobs', 'uploads', 'health'],
  2: ['mail'],
  3: ['auth'],
  4: ['audit'],
  5: ['catalog'],
  6: ['stock', 'units', 'account', 'ledger'],
  7: ['villages', 'cart', 'payments'],
  8: ['reports'],
  9: ['orders', 'procurement', 'admin', 'api', 'seo'],
};
/** The read model: reads every table, so it may import every schema file. */
const READ_MODEL = 'reports';

/** Edges: read the request, check access, make one call; never Drizzle, never tables. */
const EDGES = ['pages', 'components', 'layouts', 'actions', 'controllers'];

const layerOf = Object.fromEntries(Object.entries(LAYERS).flatMap(([layer, mods]) => mods.map((m) => [m, Number(layer)])));
const MODULES = Object.keys(layerOf);
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (list) => `(${list.map(escapeRegExp).join('|')})`;

function mayImportSchema(mod, file) {
  if (mod === READ_MODEL) return true;
  if (file === SCHEMA_BARREL) return false;
  const owners = SCHEMA_OWNERS[file];
  return owners.includes(mod) || owners.every((owner) => layerOf[owner] < layerOf[mod]);
}

const layerRules = Object.entries(LAYERS).map(([layer, mods]) => ({
  name: 'module-layers',
  severity: 'error',
  comment: `A layer-${layer} module imports a peer or a module of a higher layer (docs/architecture.md, Layers). Move the shared part down, or the cross-domain work up into src/workflows.`,
  from: { path: `^src/modules/${anyOf(mods)}/` },
  to: {
    path: `^src/modules/${anyOf(MODULES.filter((m) => layerOf[m] >= Number(layer)))}/`,
    pathNot: '^src/modules/$1/',
  },
}));

const schemaRules = MODULES.flatMap((mod) => {
  const forbidden = [...Object.keys(SCHEMA_OWNERS), SCHEMA_BARREL].filter((file) => !mayImportSchema(mod, file));
  if (forbidden.length === 0) return [];
  return [
    {
      name: 'module-schema-owners',
      severity: 'error',
      comment: `${mod} imports a schema file it does not own whose tables are not all below it (SCHEMA_OWNERS at the top of .dependency-cruiser.cjs; only reports reads everything). Import the owner's function instead.`,
      from: { path: `^src/modules/${escapeRegExp(mod)}/` },
      to: { path: `^${anyOf(forbidden)}$` },
    },
  ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files import each other in a loop: the order they load in decides what is undefined.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      comment: 'Folders import each other in a loop (e.g. modules/orders ⇄ modules/payments): the domains are not separate rooms (CONVENTIONS.md, Owners and workflows).',
      scope: 'folder',
      from: { path: '^(src|db)/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'module-unknown-layer',
      severity: 'error',
      comment: 'A folder in src/modules that LAYERS in .dependency-cruiser.cjs does not list: give it a layer (and docs/architecture.md a row).',
      from: { path: `^src/modules/(?!${anyOf(MODULES)}/)` },
      to: {},
    },
    {
      name: 'module-imports-edge',
      severity: 'error',
      comment:
        'A module imports something other than lower modules, src/lib and db/: never workflows, actions, pages, components, layouts, middleware, controllers, the server, tests or scripts.',
      from: { path: '^src/modules/' },
      to: { path: '^(src|tests|scripts|bench)/', pathNot: '^src/(modules|lib)/' },
    },
    {
      name: 'module-imports-astro',
      severity: 'error',
      comment: 'Modules never import Astro (CONVENTIONS.md): the request is read at the edge.',
      from: { path: '^src/modules/' },
      to: { path: '(^|/)node_modules/(astro|@astrojs)/|^astro:' },
    },
    {
      name: 'lib-not-pure',
      severity: 'error',
      comment: 'src/lib is small, pure and shared: it imports nothing from modules, edges or db/schema.',
      from: { path: '^src/lib/' },
      to: { path: '^(src/(?!lib/)|db/schema/)' },
    },
    ...schemaRules,
    {
      name: 'edge-imports-schema',
      severity: 'error',
      comment: 'Pages, components, layouts, actions, controllers and middleware never import db/schema: they call a module (or a workflow).',
      from: { path: `^src/${anyOf([...EDGES, 'middleware'])}/` },
      to: { path: '^db/schema/' },
    },
    {
      name: 'edge-imports-db-client',
      severity: 'error',
      comment:
        'Edges get the database handle as locals.db (the middleware puts it there) and pass it on; they never open it. A type-only import (`import type { Db }`) is allowed: naming the type of locals.db opens nothing and reaches no table.',
      from: { path: `^src/${anyOf(EDGES)}/` },
      to: { path: '^db/client\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'edge-imports-drizzle',
      severity: 'error',
      comment: 'Edges never import Drizzle: queries live in modules.',
      from: { path: `^src/${anyOf([...EDGES, 'middleware'])}/` },
      to: { path: '(^|/)node_modules/drizzle-orm/' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A file in src that imports nothing and that nothing imports: dead, or forgotten.',
      from: {
        orphan: true,
        path: '^src/',
        pathNot: ['\\.d\\.ts$', '^src/pages/', '^src/actions/index\\.ts$', '^src/middleware/index\\.ts$', '\\.test\\.ts$'],
      },
      to: {},
    },
    {
      name: 'no-unreachable',
      severity: 'error',
      comment:
        'A file in src that no entry point reaches (pages, actions/index.ts, middleware/index.ts, tests, scripts, bench, db seeds, the configs): dead code, or used only by something that is gone.',
      from: {
        path: ['^src/pages/', '^src/actions/index\\.ts$', '^src/middleware/index\\.ts$', '^tests/', '^scripts/', '^bench/', '^db/seed', '\\.test\\.ts$', '^[^/]+\\.(ts|mjs)$'],
      },
      to: { path: '^src/', pathNot: ['\\.d\\.ts$', '\\.test\\.ts$', '^src/pages/', '^src/actions/index\\.ts$', '^src/middleware/index\\.ts$'], reachable: false },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(db/migrations|tests/architecture/fixtures)/' },
    // Type-only imports count: a page naming a table's row type depends on the table.
    tsPreCompilationDeps: true,
    moduleSystems: ['es6', 'cjs'],
    // Astro's virtual modules (astro:actions, astro:middleware, …) exist only inside Vite.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.mjs', '.js', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
