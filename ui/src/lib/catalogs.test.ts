/// <reference types="node" />
// The message catalogs in messages/<area>/<locale>.json: every language has exactly English's
// keys, with the same placeholders, and every key is used somewhere in the UI.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import settings from '../../project.inlang/settings.json';

type Variant = { declarations?: string[]; match: Record<string, string> };
type Message = string | Variant[];
type Catalog = Record<string, Message>;

const root = join(import.meta.dirname, '..', '..');
const areas = readdirSync(join(root, 'messages'));

function catalog(area: string, locale: string): Catalog {
  const parsed = JSON.parse(readFileSync(join(root, 'messages', area, `${locale}.json`), 'utf8'));
  delete parsed.$schema;
  return parsed;
}

/** The inputs a message takes: `{name}` placeholders, and `input x` declarations of variants. */
export function inputs(message: Message): string[] {
  const found = new Set<string>();
  const texts = typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
  const locals = new Set<string>();
  if (typeof message !== 'string') {
    for (const d of message.flatMap((v) => v.declarations ?? [])) {
      const [kind, name] = d.split(/\s+/);
      if (kind === 'input') found.add(name);
      if (kind === 'local') locals.add(name);
    }
  }
  for (const text of texts) {
    for (const [, name] of text.matchAll(/\{(\w+)\}/g)) if (!locals.has(name)) found.add(name);
  }
  return [...found].sort();
}

function texts(message: Message): string[] {
  return typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'paraglide' ? [] : sourceFiles(path);
    return /\.(svelte|ts)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

describe('message catalogs', () => {
  it('cover the languages the project declares, in every area', () => {
    expect(settings.locales).toEqual(['en', 'zh-TW', 'ja', 'it', 'de', 'tr']);
    for (const area of areas) {
      expect(readdirSync(join(root, 'messages', area)).sort()).toEqual(
        settings.locales.map((l) => `${l}.json`).sort(),
      );
    }
  });

  for (const area of areas) {
    const english = catalog(area, 'en');
    for (const locale of settings.locales.filter((l) => l !== 'en')) {
      it(`${area}/${locale} has exactly English's keys, with the same placeholders`, () => {
        const other = catalog(area, locale);
        expect(Object.keys(other).sort(), `keys of ${area}/${locale}`).toEqual(Object.keys(english).sort());
        for (const [key, message] of Object.entries(english)) {
          expect(inputs(other[key]), `placeholders of ${key} in ${locale}`).toEqual(inputs(message));
        }
      });
    }
    it(`${area} has no empty message in any language`, () => {
      for (const locale of settings.locales) {
        for (const [key, message] of Object.entries(catalog(area, locale))) {
          for (const text of texts(message)) expect(text.trim(), `${key} in ${locale}`).not.toBe('');
        }
      }
    });
  }

  it('never define a key in two areas', () => {
    const seen = new Map<string, string>();
    for (const area of areas) {
      for (const key of Object.keys(catalog(area, 'en'))) {
        expect(seen.get(key), `${key} is in ${seen.get(key)} and ${area}`).toBeUndefined();
        seen.set(key, area);
      }
    }
  });

  it('hold no key that the UI never uses', () => {
    const source = sourceFiles(join(root, 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = areas
      .flatMap((area) => Object.keys(catalog(area, 'en')))
      .filter((key) => !new RegExp(`\\bm\\.${key}\\b|['"\`]${key}['"\`]`).test(source));
    expect(unused).toEqual([]);
  });
});
