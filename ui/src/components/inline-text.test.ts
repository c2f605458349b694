/// <reference types="node" />
// No user-visible text is written inline in a component: it comes from the message catalogs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type AST } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'alt', 'aria-label', 'aria-description', 'aria-roledescription']);
const hasWords = (text: string): boolean => /\p{L}/u.test(text);

/** Static text in markup, and static values of attributes that people see or hear. */
export function inlineText(source: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: string } & Record<string, unknown>;
    if (n.type === 'Text' && hasWords(String(n.data))) found.push(String(n.data).trim());
    if (n.type === 'Attribute') {
      if (!VISIBLE_ATTRIBUTES.has(String(n.name)) || !Array.isArray(n.value)) return;
      for (const part of n.value as { type: string; data?: string }[]) {
        if (part.type === 'Text' && hasWords(part.data ?? '')) found.push(`${n.name}="${part.data}"`);
      }
      return;
    }
    for (const [key, value] of Object.entries(n)) {
      if (key !== 'instance' && key !== 'module' && key !== 'css' && key !== 'expression') visit(value);
    }
  };
  const ast: AST.Root = parse(source, { modern: true });
  visit(ast.fragment);
  return found;
}

describe('components', () => {
  it('finds inline text, so the check below can fail', () => {
    expect(inlineText('<p>Hello</p><input placeholder="Name" /><b>{x}</b>')).toEqual(['Hello', 'placeholder="Name"']);
  });

  const dir = import.meta.dirname;
  for (const file of readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.svelte'))) {
    it(`${file} takes every visible word from the catalogs`, () => {
      expect(inlineText(readFileSync(join(dir, file), 'utf8'))).toEqual([]);
    });
  }
});
