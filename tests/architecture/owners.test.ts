// Each table has one owning module, the only one that writes it (docs/architecture.md, "Who owns
// which table"). This reads every .ts/.astro file of src/ and db/ (tests aside) and finds its
// writes: Drizzle `.insert(t)`, `.update(t)`, `.delete(t)` where t is imported from db/schema, and
// raw SQL `insert into t`, `update t set`, `delete from t` in sql`` templates and strings. A write
// outside src/modules/<owner>/ fails, with file, table and owner. Seeds (db/seed*.ts, db/demo) get
// no pass: they must go through module functions, so a direct write there fails too.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { astroScript } from '../../scripts/check-dependencies.ts';

/** docs/architecture.md's owners table: SQL table name → the module that alone writes it. */
const OWNERS: Record<string, string> = {
  users: 'auth',
  sessions: 'auth',
  auth_throttle: 'auth',
  password_reset_tokens: 'auth',
  sign_up_requests: 'auth',
  addresses: 'account',
  outbox: 'mail',
  'pgboss.*': 'jobs', // every table of the pgboss schema, written through pg-boss
  villages: 'villages', // onboarding, particulars and pause (#14); catalog reads them
  producers: 'catalog',
  categories: 'catalog',
  products: 'catalog',
  product_variants: 'catalog', // but an update that sets stock, reserved or sold belongs to stock: see STOCK_COLUMNS
  price_tiers: 'catalog',
  product_images: 'catalog',
  product_credentials: 'catalog',
  stock_adjustments: 'stock',
  units: 'units',
  unit_members: 'units',
  unit_invites: 'units',
  unit_villages: 'units',
  village_managers: 'villages',
  village_manager_invites: 'villages',
  price_changes: 'catalog', // kept by the listing when a manager changes a price
  audit_log: 'audit', // append-only; every module's admin and manager writes call recordAudit
  carts: 'cart',
  cart_items: 'cart',
  ledger_entries: 'ledger',
  ledger_monthly_village: 'ledger', // kept by a trigger on ledger_entries
  ledger_monthly_unit: 'ledger',
  payment_events: 'payments',
  refunds: 'payments',
  checkouts: 'orders',
  orders: 'orders',
  order_lines: 'orders',
  order_events: 'orders',
  after_sale_claims: 'orders',
  order_access: 'orders',
  quote_requests: 'procurement',
  quote_request_lines: 'procurement',
  quotes: 'procurement',
  quote_lines: 'procurement',
  quote_events: 'procurement',
  contracts: 'procurement',
  contract_lines: 'procurement',
  deliveries: 'procurement',
  delivery_lines: 'procurement',
  procurement_invoices: 'procurement',
  procurement_payments: 'procurement',
  group_orders: 'procurement',
  group_order_items: 'procurement',
  group_order_signups: 'procurement',
  group_share_payments: 'procurement',
  unit_targets: 'reports',
  offline_sales: 'reports',
  unit_api_tokens: 'reports',
  public_notices: 'reports',
};
/** product_variants' columns that only the stock module moves. */
const STOCK_COLUMNS = ['stock', 'reserved', 'sold'];

interface Write {
  file: string;
  line: number;
  table: string;
  /** The module that may write it; 'catalog|stock' when the columns could not be told. */
  owner: string;
}

function ownerOf(table: string, setsStock: boolean | null): string {
  if (table === 'product_variants') return setsStock === null ? 'catalog|stock' : setsStock ? 'stock' : 'catalog';
  return OWNERS[table] ?? (table.startsWith('pgboss.') ? OWNERS['pgboss.*'] : '(no owner: add it to OWNERS)');
}

const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1] ?? null;
const isAllowed = (w: Write) => w.owner.split('|').includes(moduleOf(w.file) ?? '');

function walk(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'migrations' || e.name === 'node_modules' ? [] : walk(root, path);
    return /\.(ts|astro)$/.test(e.name) && !/\.(test|spec)\.ts$|\.d\.ts$/.test(e.name) ? [path] : [];
  });
}

/** The files whose writes are checked: src/ and db/, tests and migrations aside. */
function scannedFiles(root: string): string[] {
  return [...walk(root, 'src'), ...walk(root, 'db')];
}

function parse(root: string, file: string): ts.SourceFile {
  const text = readFileSync(join(root, file), 'utf8');
  return ts.createSourceFile(file, file.endsWith('.astro') ? astroScript(text) : text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Drizzle export name → SQL table name, for every `export const x = pgTable('name', …)` in db/schema. */
function schemaTables(root: string): Map<string, string> {
  const tables = new Map<string, string>();
  for (const file of walk(root, 'db/schema')) {
    const visit = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer)) {
        const callee = node.initializer.expression.getText();
        const [name] = node.initializer.arguments;
        if (/(^|\.)(pgTable|table)$/.test(callee) && name && ts.isStringLiteral(name)) tables.set(node.name.text, name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(root, file));
  }
  return tables;
}

/** Keys of the object literals an expression is (or a local const it names holds). */
function keysOf(expr: ts.Expression, source: ts.SourceFile): string[] | null {
  let target: ts.Node = expr;
  if (ts.isIdentifier(expr)) {
    let found: ts.Node | undefined;
    const find = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === expr.text && node.initializer) found = node.initializer;
      else ts.forEachChild(node, find);
    };
    find(source);
    if (!found) return null;
    target = found;
  }
  const keys: string[] = [];
  let sawObject = false;
  const collect = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      sawObject = true;
      for (const p of node.properties) if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) keys.push(p.name.text);
    } else if (!ts.isCallExpression(node) && !ts.isTaggedTemplateExpression(node)) ts.forEachChild(node, collect);
  };
  collect(target);
  return sawObject ? keys : null;
}

const RAW_WRITE = /\b(insert\s+into|update|delete\s+from)\s+((?:"?\w+"?\s*\.\s*)?"?\w+"?)(\s+set\b([\s\S]*?)(?:\bwhere\b|\breturning\b|\bfrom\b|;|$))?/gi;

/** The writes in one file. */
function writesIn(root: string, file: string, tables: Map<string, string>): Write[] {
  const source = parse(root, file);
  const schemaDir = resolve(root, 'db/schema');
  const named = new Map<string, string>(); // local name → export name
  const namespaces = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = resolve(root, dirname(file), statement.moduleSpecifier.text);
    if (relative(schemaDir, target).startsWith('..')) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const b of bindings.elements) named.set(b.name.text, (b.propertyName ?? b.name).text);
  }
  const tableOf = (expr: ts.Expression): string | undefined => {
    if (ts.isIdentifier(expr) && named.has(expr.text)) return tables.get(named.get(expr.text) ?? '');
    if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression) && namespaces.has(expr.expression.text)) return tables.get(expr.name.text);
    return undefined;
  };
  const writes: Write[] = [];
  const add = (node: ts.Node, table: string, setsStock: boolean | null) =>
    writes.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, table, owner: ownerOf(table, setsStock) });

  const rawSql = (node: ts.Node, text: string, tagged: boolean) => {
    for (const m of text.matchAll(RAW_WRITE)) {
      const verb = m[1].toLowerCase();
      if (verb === 'update' && m[3] === undefined) continue; // "update" with no SET is prose, not SQL
      const table = m[2].replace(/["\s]/g, '').replace(/^public\./, '');
      // An untagged string counts only when it names a known table, so prose ("delete from your cart") does not.
      if (!tagged && !OWNERS[table] && !table.startsWith('pgboss.') && ![...tables.values()].includes(table)) continue;
      const setsStock = table === 'product_variants' && verb === 'update' ? new RegExp(`\\b(${STOCK_COLUMNS.join('|')})\\s*=`, 'i').test(m[4] ?? '') : false;
      add(node, table, setsStock);
    }
  };
  /** A template's text, each ${…} that is a schema table written as the table's name. */
  const templateText = (t: ts.TemplateLiteral) =>
    ts.isNoSubstitutionTemplateLiteral(t) ? t.text : t.head.text + t.templateSpans.map((s) => (tableOf(s.expression) ?? '$') + s.literal.text).join('');

  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ['insert', 'update', 'delete'].includes(node.expression.name.text) &&
      node.arguments.length === 1
    ) {
      const table = tableOf(node.arguments[0]);
      if (table) {
        let setsStock: boolean | null = false;
        if (table === 'product_variants' && node.expression.name.text === 'update') {
          const set = node.parent;
          const call = set.parent;
          const keys =
            ts.isPropertyAccessExpression(set) && set.name.text === 'set' && ts.isCallExpression(call) && call.arguments[0] ? keysOf(call.arguments[0], source) : null;
          setsStock = keys === null ? null : keys.some((k) => STOCK_COLUMNS.includes(k));
        }
        add(node.expression.name, table, setsStock);
      }
    }
    if (ts.isTaggedTemplateExpression(node)) rawSql(node, templateText(node.template), /(^|\.)sql$/.test(node.tag.getText()));
    else if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!ts.isTaggedTemplateExpression(node.parent)) rawSql(node, templateText(node), false);
    } else if (ts.isStringLiteral(node)) rawSql(node, node.text, false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return writes;
}

/** Every write in root's src/ and db/ that its file's module does not own. */
function ownerViolations(root: string): Write[] {
  const tables = schemaTables(root);
  return scannedFiles(root)
    .flatMap((file) => writesIn(root, file, tables))
    .filter((w) => !isAllowed(w));
}

const describeWrite = (w: Write) => `${w.file}:${w.line} writes ${w.table} — owner: ${w.owner} (here: ${moduleOf(w.file) ?? 'not a module'})`;

const repo = resolve(import.meta.dirname, '../..');

describe('table owners', () => {
  it('every table in db/schema has an owner, and every owner entry is a table', () => {
    const tables = [...schemaTables(repo).values()];
    expect(
      tables.filter((t) => !OWNERS[t]),
      'tables with no owner in OWNERS',
    ).toEqual([]);
    expect(
      Object.keys(OWNERS).filter((t) => t !== 'pgboss.*' && !tables.includes(t)),
      'OWNERS entries that are not tables',
    ).toEqual([]);
  });

  it('only the owning module writes a table (src/modules/<owner>/)', () => {
    // Expected to fail until the refactor moves each write into its owner (docs/architecture.md).
    expect(ownerViolations(repo).map(describeWrite), 'writes outside their table’s owner module').toEqual([]);
  });
});

describe('the owners check can fail', () => {
  it('flags writes from the wrong module, from an edge, from a seed, and raw SQL', () => {
    const found = ownerViolations(resolve(import.meta.dirname, 'fixtures/house')).map((w) => `${w.file} ${w.table} ${w.owner}`);
    expect(found.toSorted()).toEqual(
      [
        'db/seed.ts users auth',
        'src/actions/orders.ts orders orders',
        'src/modules/catalog/restock.server.ts product_variants stock',
        'src/modules/orders/pay.server.ts ledger_entries ledger',
        'src/modules/orders/raw.server.ts ledger_entries ledger',
        'src/modules/orders/raw.server.ts product_variants stock',
        'src/modules/stock/rename.server.ts product_variants catalog',
        'src/pages/index.astro orders orders',
      ].toSorted(),
    );
  });
});
