// The dependency rules of .dependency-cruiser.cjs over the whole tree, .astro files included.
// dependency-cruiser parses no .astro, so this cruises a copy of the tree (in a temp folder) in
// which each X.astro is X.astro.ts: its frontmatter and <script>s, which is where its imports
// are; `import … from './X.astro'` resolves to it because '.ts' is a resolve extension. Names
// are reported as the real files. Two cruises: the file rules over everything (tests, scripts
// and seeds are the entry points that make a file reachable), and the folder rules over the
// application alone — src/ and db/ without seeds, demo data and tests — because db/seed.ts
// lives beside db/client.ts on purpose and calls the modules, which would otherwise put db/
// in a loop with every module it seeds. Exit code 1 when a rule is broken.
//   node scripts/check-dependencies.ts [root]   (root: a tree with src/ and db/; default .)
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';

const SCANNED = /\.(ts|mts|mjs|cjs|js|astro)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.astro', '.data', '.git', 'test-results', '.test-results', 'playwright-report']);
/** Generated SQL, and trees that break the rules on purpose (tests/architecture). */
const SKIPPED_PATHS = new Set(['db/migrations', 'tests/architecture/fixtures']);
const ROOTS = ['src', 'db', 'tests', 'scripts', 'bench'];

export interface Violation {
  rule: string;
  from: string;
  to: string;
  /** For a cycle: the files (or folders) around it, starting and ending at `from`. */
  cycle?: string[];
}

/** An .astro file's frontmatter and bundled <script>s: the TypeScript in it, for its imports. */
export function astroScript(source: string): string {
  const front = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '';
  const scripts = [...source.matchAll(/<script(?![^>]*\bis:inline)(?![^>]*type="application\/ld\+json")[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [front, ...scripts].join('\n;\n');
}

function files(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) || SKIPPED_PATHS.has(path) || (!dir && !ROOTS.includes(entry.name)) ? [] : files(root, path);
    return entry.isFile() && SCANNED.test(entry.name) ? [path] : [];
  });
}

/** Copies root's sources into a temp folder, .astro as .astro.ts; returns the folder and the files. */
function shadowTree(root: string): { dir: string; sources: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-depcruise-'));
  const sources: string[] = [];
  for (const file of files(root, '')) {
    const copy = file.endsWith('.astro') ? `${file}.ts` : file;
    mkdirSync(dirname(join(dir, copy)), { recursive: true });
    if (file.endsWith('.astro')) writeFileSync(join(dir, copy), astroScript(readFileSync(join(root, file), 'utf8')));
    else copyFileSync(join(root, file), join(dir, copy));
    sources.push(copy);
  }
  symlinkSync(realpathSync(join(import.meta.dirname, '..', 'node_modules')), join(dir, 'node_modules'), 'dir');
  return { dir, sources };
}

/** The file's name in the real tree (packages as node_modules/…, wherever node_modules really is). */
const realName = (name: string) => name.replace(/\.astro\.ts$/, '.astro').replace(/^.*\/node_modules\//, 'node_modules/');
/** The application as it runs: what the folder rules look at. */
const isRuntime = (file: string) => /^(src|db)\//.test(file) && !/^db\/(seed|demo)|\.test\.ts$/.test(file);
type Options = Awaited<ReturnType<typeof extractDepcruiseOptions>>;
type Rule = NonNullable<NonNullable<Options['ruleSet']>['forbidden']>[number];
const isFolderRule = (rule: Rule) => 'scope' in rule && rule.scope === 'folder';

async function violationsOf(sources: string[], options: Options, keep: (rule: Rule) => boolean): Promise<Violation[]> {
  const ruleSet = { ...options.ruleSet, forbidden: (options.ruleSet?.forbidden ?? []).filter(keep) };
  const { output } = await cruise(sources, { ...options, ruleSet, outputType: 'json' });
  const result: ICruiseResult = typeof output === 'string' ? JSON.parse(output) : output;
  return result.summary.violations.map((v: IViolation) => ({
    rule: v.rule.name,
    from: realName(v.from),
    to: realName(v.to),
    ...(v.cycle ? { cycle: [v.from, ...v.cycle.map((step) => step.name)].map(realName) } : {}),
  }));
}

export async function checkDependencies(root = '.'): Promise<Violation[]> {
  const options = await extractDepcruiseOptions(join(import.meta.dirname, '..', '.dependency-cruiser.cjs'));
  const { dir, sources } = shadowTree(resolve(root));
  try {
    const inTree = { ...options, baseDir: dir };
    return [...(await violationsOf(sources, inTree, (rule) => !isFolderRule(rule))), ...(await violationsOf(sources.filter(isRuntime), inTree, isFolderRule))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per violation; a cycle found from each of its members is printed once. */
export function report(violations: Violation[]): string {
  const lines: string[] = [];
  for (const [rule, list] of Map.groupBy(violations, (v) => v.rule)) {
    const shown = new Set<string>();
    for (const v of list) {
      if (!v.cycle) {
        shown.add(v.from === v.to ? `  ${v.from}` : `  ${v.from} → ${v.to}`);
        continue;
      }
      const ring = v.cycle.slice(0, -1);
      const start = ring.indexOf(ring.toSorted()[0]);
      const rotated = [...ring.slice(start), ...ring.slice(0, start)];
      shown.add(`  ${[...rotated, rotated[0]].join(' → ')}`);
    }
    lines.push(`\n${rule} (${list.length}${shown.size < list.length ? `; ${shown.size} distinct cycle${shown.size === 1 ? '' : 's'}` : ''})`, ...shown);
  }
  return lines.join('\n');
}

if (import.meta.main) {
  const root = process.argv[2] ?? '.';
  const violations = await checkDependencies(root);
  if (violations.length) {
    console.log(report(violations));
    const counts = [...Map.groupBy(violations, (v) => v.rule)].map(([rule, list]) => `${rule} ${list.length}`);
    console.log(`\n✗ ${violations.length} dependency rule violations in ${relative('.', resolve(root)) || '.'}: ${counts.join(', ')}`);
    process.exit(1);
  }
  console.log('✓ dependency rules: no violations');
}
