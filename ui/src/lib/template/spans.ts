// Where a lint finding lies: the text of the part it is about, its span in that text (counted in
// Unicode characters, as Rust counts them, not in UTF-16 units) and the field that edits it.
import type { LintFinding } from '../bindings/LintFinding';
import type { LintSeverity } from '../bindings/LintSeverity';
import type { LintSpan } from '../bindings/LintSpan';
import type { TemplateComponent } from '../bindings/TemplateComponent';
import type { TemplateContent } from '../bindings/TemplateContent';
import { buttonsOf } from './buttons';
import { bodyOf } from './template-page.svelte';

export function componentText(
  component: TemplateComponent,
  content: TemplateContent,
  variables: Record<string, string>,
  name: string,
): string {
  switch (component.kind) {
    case 'name':
      return name;
    case 'body':
      return bodyOf(content);
    case 'header':
      return content.type === 'whatsapp/card' ? (content.headerText ?? '') : '';
    case 'footer':
      return content.type === 'whatsapp/card' ? (content.footer ?? '') : content.type === 'twilio/card' ? (content.subtitle ?? '') : '';
    case 'media':
      return 'media' in content ? (content.media[component.index] ?? '') : '';
    case 'button':
      return buttonsOf(content)[component.index]?.title ?? '';
    case 'button_url':
      return buttonsOf(content)[component.index]?.target ?? '';
    case 'variable':
      return variables[component.key] ?? '';
    case 'category':
      return '';
  }
}

/** The id of the field that edits the part, in the editor of `language`. */
export function fieldId(component: TemplateComponent, language: string): string | null {
  switch (component.kind) {
    case 'name':
      return 'template-details-name';
    case 'body':
    case 'header':
    case 'footer':
      return `${component.kind}-${language}`;
    case 'media':
      return `media-${language}`;
    case 'button':
      return `button-text-${language}-${component.index}`;
    case 'button_url':
      return `button-target-${language}-${component.index}`;
    case 'variable':
      return `sample-${language}-${component.key}`;
    case 'category':
      return 'template-details-category';
  }
}

/** The span as UTF-16 offsets into `text`, for a text field's selection. */
export function utf16Range(text: string, span: LintSpan): [number, number] {
  const chars = [...text];
  const start = chars.slice(0, span.start).join('').length;
  return [start, start + chars.slice(span.start, span.end).join('').length];
}

/** The span with a little of the text around it: before, the span itself, after. */
export function excerpt(text: string, span: LintSpan, around = 24): [string, string, string] {
  const chars = [...text];
  const from = Math.max(0, span.start - around);
  const to = Math.min(chars.length, span.end + around);
  return [
    (from > 0 ? '…' : '') + chars.slice(from, span.start).join(''),
    chars.slice(span.start, span.end).join(''),
    chars.slice(span.end, to).join('') + (to < chars.length ? '…' : ''),
  ];
}

export interface Mark {
  start: number;
  end: number;
  severity: LintSeverity;
}

export interface Segment {
  text: string;
  /** The worst finding over it, or null where none is. */
  severity: LintSeverity | null;
}

/**
 * The text cut where marks begin and end, for a field's highlight layer. Marks count Unicode
 * characters and may overlap (an error wins over a warning); an empty mark marks nothing.
 */
export function segments(text: string, marks: Mark[]): Segment[] {
  const chars = [...text];
  const level = new Array<0 | 1 | 2>(chars.length).fill(0);
  for (const mark of marks) {
    const weight = mark.severity === 'error' ? 2 : 1;
    for (let i = Math.max(0, mark.start); i < Math.min(chars.length, mark.end); i++) {
      if (level[i] < weight) level[i] = weight;
    }
  }
  const out: Segment[] = [];
  const SEVERITY = [null, 'warning', 'error'] as const;
  for (let i = 0; i < chars.length; ) {
    let j = i + 1;
    while (j < chars.length && level[j] === level[i]) j++;
    out.push({ text: chars.slice(i, j).join(''), severity: SEVERITY[level[i]] });
    i = j;
  }
  return out;
}

/** The findings on one part, as marks; `offset` moves them when the part is one line of several. */
export function marksOn(findings: LintFinding[], matches: (c: TemplateComponent) => boolean, offset = 0): Mark[] {
  return findings
    .filter((f) => matches(f.component))
    .map((f) => ({ start: f.span.start + offset, end: f.span.end + offset, severity: f.severity }));
}
