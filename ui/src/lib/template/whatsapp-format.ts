// WhatsApp's message formatting as nodes to draw, never as HTML: `*bold*`, `_italic_`, `~strike~`,
// ```monospace``` blocks and `inline code`. A marker formats only when it closes on the same
// line, its text does not start or end with a space, and it opens at the start of a word and
// closes at its end; otherwise it is just the character.

export type FormatNode =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; children: FormatNode[] }
  | { kind: 'italic'; children: FormatNode[] }
  | { kind: 'strike'; children: FormatNode[] }
  | { kind: 'code'; text: string }
  | { kind: 'mono'; text: string };

const STYLES: Record<string, 'bold' | 'italic' | 'strike'> = { '*': 'bold', _: 'italic', '~': 'strike' };

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

export function formatWhatsApp(text: string): FormatNode[] {
  const out: FormatNode[] = [];
  let plain = '';
  const flush = (): void => {
    if (plain !== '') out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('```', i)) {
      const end = text.indexOf('```', i + 3);
      if (end > i + 3) {
        flush();
        out.push({ kind: 'mono', text: text.slice(i + 3, end) });
        i = end + 3;
        continue;
      }
    }
    const c = text[i];
    const style = STYLES[c];
    if ((style || c === '`') && !isWordChar(text[i - 1])) {
      const end = closing(text, i, c);
      if (end !== -1) {
        flush();
        const inner = text.slice(i + 1, end);
        out.push(style ? { kind: style, children: formatWhatsApp(inner) } : { kind: 'code', text: inner });
        i = end + 1;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
  return out;
}

/** Where the marker opened at `open` closes, or -1. */
function closing(text: string, open: number, marker: string): number {
  if (text[open + 1] === undefined || /\s/.test(text[open + 1]) || text[open + 1] === marker) return -1;
  for (let j = open + 2; j < text.length; j++) {
    if (text[j] === '\n') return -1;
    if (text[j] === marker && !/\s/.test(text[j - 1]) && !isWordChar(text[j + 1])) return j;
  }
  return -1;
}

/** The languages of WhatsApp's list that are written right to left. */
const RIGHT_TO_LEFT = ['ar', 'he', 'fa', 'ur'];

export function isRightToLeft(language: string): boolean {
  return RIGHT_TO_LEFT.includes(language.split(/[_-]/)[0]);
}

/** The text with each `{{name}}` replaced by its sample; a variable with no sample stays as it is. */
export function withSamples(text: string, samples: Record<string, string>): string {
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, name: string) => {
    const sample = samples[name];
    return sample === undefined || sample === '' ? whole : sample;
  });
}

/** The variables in the texts, each once, in the order they first appear. */
export function variablesIn(...texts: (string | null | undefined)[]): string[] {
  const found: string[] = [];
  for (const t of texts) {
    for (const match of (t ?? '').matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
      if (!found.includes(match[1])) found.push(match[1]);
    }
  }
  return found;
}
