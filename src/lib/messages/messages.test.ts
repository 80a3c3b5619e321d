// The dictionaries: every area has the same keys in Chinese and English, none
// empty and none written twice (an object literal keeps the last of two equal
// keys without a word, so the source text is read); and every refusal a domain
// function throws or a schema names has its message in `errors`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages } from '../i18n.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const src = fileURLToPath(new URL('../..', import.meta.url));
const areaFiles = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

/** The keys written in the source of `export const <lang> … = { … };`, in order, repeats included. */
function writtenKeys(source: string, lang: 'zh' | 'en'): string[] {
  const start = source.search(new RegExp(`^export const ${lang}\\b`, 'm'));
  const end = source.indexOf('\n};', start);
  return [...source.slice(start, end).matchAll(/^ {2}([A-Za-z_][A-Za-z0-9_]*):/gm)].map((m) => m[1]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|astro)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('message dictionaries', () => {
  it('are one file per area, each area a namespace of both languages', () => {
    const areas = areaFiles.map((f) => f.replace(/\.ts$/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase())).sort();
    expect(Object.keys(messages('zh')).sort()).toEqual(areas);
    expect(Object.keys(messages('en')).sort()).toEqual(areas);
  });

  for (const file of areaFiles) {
    it(`${file}: the same keys in zh and en, none repeated, none empty`, () => {
      const source = readFileSync(join(here, file), 'utf8');
      const zh = writtenKeys(source, 'zh');
      const en = writtenKeys(source, 'en');
      expect(
        zh.filter((k, i) => zh.indexOf(k) !== i),
        'keys written twice in zh',
      ).toEqual([]);
      expect(
        en.filter((k, i) => en.indexOf(k) !== i),
        'keys written twice in en',
      ).toEqual([]);
      expect(
        zh.filter((k) => !en.includes(k)),
        'keys missing in en',
      ).toEqual([]);
      expect(
        en.filter((k) => !zh.includes(k)),
        'keys missing in zh',
      ).toEqual([]);
      const area = file.replace(/\.ts$/, '') as keyof ReturnType<typeof messages>;
      for (const lang of ['zh', 'en'] as const) {
        for (const [key, value] of Object.entries(messages(lang)[area])) expect(value, `${lang} ${area}.${key}`).not.toBe('');
      }
    });
  }

  it('have a message in `errors` for every refusal the code can throw', () => {
    const errors = messages('zh').errors as Record<string, string>;
    const missing: string[] = [];
    for (const file of sourceFiles(src)) {
      const source = readFileSync(file, 'utf8');
      const keys = [
        ...source.matchAll(/refuse\.\w+\(\s*'(\w+)'/g),
        ...source.matchAll(/refuse\.\w+\([^)']*\?\s*'(\w+)'\s*:\s*'(\w+)'/g),
        // a page's own form-level refusal: state = { fields: {}, form: 'key' }
        ...source.matchAll(/\bform:\s*'([A-Za-z][A-Za-z0-9_]*)'/g),
        // zod: { error: 'key' } / { message: 'key' } (not a JSON answer's { error: 'code' })
        ...source.replace(/^.*(?:[Rr]eply\(|Response\.json\().*$/gm, '').matchAll(/\b(?:error|message):\s*'([a-z][a-z0-9_]*)'/g),
      ].flatMap((m) => m.slice(1).filter(Boolean));
      for (const key of keys) if (!Object.hasOwn(errors, key)) missing.push(`${file.slice(src.length)}: ${key}`);
    }
    expect(missing).toEqual([]);
  });
});
