import { describe, expect, it } from 'vitest';
import type { LintFinding } from '../bindings/LintFinding';
import { excerpt, marksOn, segments, utf16Range } from './spans';

const finding = (component: LintFinding['component'], start: number, end: number, severity: LintFinding['severity'] = 'error'): LintFinding => ({
  code: 'header_emoji',
  severity,
  component,
  span: { start, end },
  params: {},
  fix: null,
});

describe('spans, counted in characters as Rust counts them', () => {
  it('turns a span after an emoji into UTF-16 offsets', () => {
    // 👋 is one character and two UTF-16 units.
    const text = 'Hi 👋 {{ 1 }}!';
    expect(utf16Range(text, { start: 5, end: 12 })).toEqual([6, 13]);
    expect(text.slice(6, 13)).toBe('{{ 1 }}');
  });

  it('shows a span with the text around it', () => {
    expect(excerpt('Hi 👋 {{ 1 }}!', { start: 5, end: 12 })).toEqual(['Hi 👋 ', '{{ 1 }}', '!']);
  });

  it('cuts a text where marks begin and end, an error over a warning, an emoji kept whole', () => {
    expect(
      segments('ab👋cdef', [
        { start: 1, end: 4, severity: 'warning' },
        { start: 2, end: 3, severity: 'error' },
        { start: 6, end: 6, severity: 'error' },
      ]),
    ).toEqual([
      { text: 'a', severity: null },
      { text: 'b', severity: 'warning' },
      { text: '👋', severity: 'error' },
      { text: 'c', severity: 'warning' },
      { text: 'def', severity: null },
    ]);
  });

  it('ignores what lies past the end of the text', () => {
    expect(segments('abc', [{ start: 2, end: 9, severity: 'error' }])).toEqual([
      { text: 'ab', severity: null },
      { text: 'c', severity: 'error' },
    ]);
    expect(segments('', [{ start: 0, end: 3, severity: 'error' }])).toEqual([]);
  });

  it('takes the marks of one part, moved by an offset', () => {
    const findings = [finding({ kind: 'media', index: 1 }, 0, 4), finding({ kind: 'body' }, 1, 2, 'warning')];
    expect(marksOn(findings, (c) => c.kind === 'media' && c.index === 1, 10)).toEqual([
      { start: 10, end: 14, severity: 'error' },
    ]);
    expect(marksOn(findings, (c) => c.kind === 'body')).toEqual([{ start: 1, end: 2, severity: 'warning' }]);
  });
});
