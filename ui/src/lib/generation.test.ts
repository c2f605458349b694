import { describe, expect, it } from 'vitest';
import { Generation } from './generation';

describe('Generation', () => {
  it('keeps a check current until the next generation starts', () => {
    const gen = new Generation();
    const first = gen.current();
    const same = gen.current();
    expect(first()).toBe(true);
    expect(same()).toBe(true);

    const second = gen.next();
    expect(first()).toBe(false);
    expect(same()).toBe(false);
    expect(second()).toBe(true);
    expect(gen.current()()).toBe(true);

    gen.next();
    expect(second()).toBe(false);
  });
});
