import { describe, expect, it } from 'vitest';
import { formatWhatsApp, isRightToLeft, variablesIn, withSamples } from './whatsapp-format';

describe('formatWhatsApp', () => {
  it('reads bold, italic, strike, inline code and monospace blocks', () => {
    expect(formatWhatsApp('Your *order* is _on its way_, ~late~ `A-1` ```x = 1```')).toEqual([
      { kind: 'text', text: 'Your ' },
      { kind: 'bold', children: [{ kind: 'text', text: 'order' }] },
      { kind: 'text', text: ' is ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'on its way' }] },
      { kind: 'text', text: ', ' },
      { kind: 'strike', children: [{ kind: 'text', text: 'late' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'A-1' },
      { kind: 'text', text: ' ' },
      { kind: 'mono', text: 'x = 1' },
    ]);
  });

  it('nests styles', () => {
    expect(formatWhatsApp('*bold _and italic_*')).toEqual([
      {
        kind: 'bold',
        children: [
          { kind: 'text', text: 'bold ' },
          { kind: 'italic', children: [{ kind: 'text', text: 'and italic' }] },
        ],
      },
    ]);
  });

  it('leaves markers that do not close, close across lines, or sit inside words as they are', () => {
    expect(formatWhatsApp('2 * 3 = 6')).toEqual([{ kind: 'text', text: '2 * 3 = 6' }]);
    expect(formatWhatsApp('*open\nclosed*')).toEqual([{ kind: 'text', text: '*open\nclosed*' }]);
    expect(formatWhatsApp('snake_case_name')).toEqual([{ kind: 'text', text: 'snake_case_name' }]);
    expect(formatWhatsApp('* spaced *')).toEqual([{ kind: 'text', text: '* spaced *' }]);
    expect(formatWhatsApp('```unclosed')).toEqual([{ kind: 'text', text: '```unclosed' }]);
  });

  it('nests styles inside one another, and leaves an unclosed marker inside a closed one as text', () => {
    expect(formatWhatsApp('_*both*_ ~*x*~')).toEqual([
      { kind: 'italic', children: [{ kind: 'bold', children: [{ kind: 'text', text: 'both' }] }] },
      { kind: 'text', text: ' ' },
      { kind: 'strike', children: [{ kind: 'bold', children: [{ kind: 'text', text: 'x' }] }] },
    ]);
    expect(formatWhatsApp('*bold _unclosed*')).toEqual([{ kind: 'bold', children: [{ kind: 'text', text: 'bold _unclosed' }] }]);
    expect(formatWhatsApp('*never closed _but this is_')).toEqual([
      { kind: 'text', text: '*never closed ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'but this is' }] },
    ]);
  });

  it('formats nothing inside code, and keeps emoji whole', () => {
    expect(formatWhatsApp('`a *b* c` *👋*')).toEqual([
      { kind: 'code', text: 'a *b* c' },
      { kind: 'text', text: ' ' },
      { kind: 'bold', children: [{ kind: 'text', text: '👋' }] },
    ]);
    expect(formatWhatsApp('```line one\n*line* two```')).toEqual([{ kind: 'mono', text: 'line one\n*line* two' }]);
  });

  it('keeps markup characters as text, never as HTML', () => {
    expect(formatWhatsApp('<b>hi</b>')).toEqual([{ kind: 'text', text: '<b>hi</b>' }]);
  });
});

describe('samples and variables', () => {
  it('puts each sample in place of its variable and leaves a variable without one', () => {
    expect(withSamples('Hi {{1}}, order {{ 2 }} ships {{3}}.', { '1': 'Maria', '2': 'A-17' })).toBe(
      'Hi Maria, order A-17 ships {{3}}.',
    );
  });

  it('lists each variable once, in order of first appearance, across texts', () => {
    expect(variablesIn('Hi {{1}} and {{2}}', null, 'again {{1}}, {{ name }}')).toEqual(['1', '2', 'name']);
  });

  it('knows the right-to-left languages of the list', () => {
    expect(['ar', 'he', 'fa', 'ur', 'en', 'pt_BR', 'zh_TW'].map(isRightToLeft)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
