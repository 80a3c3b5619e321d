// The levels of the division picker on the village form: which code is chosen at each
// level (from what the form carried, or the village's stored code) and each level's list.
import { type Division, divisionChildren } from './divisions.server.ts';

export const LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
const LENGTHS = [2, 4, 6, 9, 12];

/** Chosen codes from a query or form: each must extend the one above, or it and the levels below are dropped. */
export function chosenCodes(read: (name: string) => string | null | undefined, stored?: string | null): string[] {
  const chosen: string[] = [];
  const fromForm = LEVELS.some((l) => read(l));
  for (const [i, level] of LEVELS.entries()) {
    let code = fromForm ? (read(level) ?? '') : stored && i < 4 ? stored.slice(0, LENGTHS[i]) : stored && !stored.endsWith('000') ? stored : '';
    if (code && (!new RegExp(`^\\d{${LENGTHS[i]}}$`).test(code) || (i > 0 && !code.startsWith(chosen[i - 1] ?? '-')))) code = '';
    if (!code) break;
    chosen.push(code);
  }
  return chosen;
}

export async function pickerLevels(chosen: string[], labels: Record<(typeof LEVELS)[number], string>) {
  const lists: Division[][] = await Promise.all(LEVELS.map((_, i) => (i === 0 ? divisionChildren('') : chosen[i - 1] ? divisionChildren(chosen[i - 1]) : Promise.resolve([]))));
  return LEVELS.map((name, i) => ({ name, label: labels[name], options: lists[i], chosen: chosen[i] ?? '' }));
}
