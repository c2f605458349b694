// Where a lint finding lies: the text of the part it is about, its span in that text (counted in
// Unicode characters, as Rust counts them, not in UTF-16 units) and the field that edits it.
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
