// A content's buttons as the editor shows them, whatever its type: a kind, a text and a target
// (the URL, the phone number, or nothing for a quick reply), and a quick reply's id, kept as it was.
import type { TemplateContent } from '../bindings/TemplateContent';

export type ButtonKind = 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER';
export interface Button {
  kind: ButtonKind;
  title: string;
  target: string;
  /** A quick reply's id; editing the button keeps it. */
  id?: string | null;
}

/** The kinds of button a content type may have; none for text and media. */
export function buttonKinds(type: TemplateContent['type']): ButtonKind[] {
  switch (type) {
    case 'twilio/quick-reply':
      return ['QUICK_REPLY'];
    case 'twilio/call-to-action':
      return ['URL', 'PHONE_NUMBER'];
    case 'twilio/card':
    case 'whatsapp/card':
      return ['QUICK_REPLY', 'URL', 'PHONE_NUMBER'];
    default:
      return [];
  }
}

export function buttonsOf(content: TemplateContent): Button[] {
  switch (content.type) {
    case 'twilio/quick-reply':
      return content.actions.map((a) => ({ kind: 'QUICK_REPLY', title: a.title, target: '', id: a.id }));
    case 'twilio/call-to-action':
    case 'twilio/card':
    case 'whatsapp/card':
      return content.actions.map((a) => ({
        kind: a.type,
        title: a.title,
        target: a.type === 'URL' ? a.url : a.type === 'PHONE_NUMBER' ? a.phone : '',
        id: a.type === 'QUICK_REPLY' ? a.id : null,
      }));
    default:
      return [];
  }
}

export function withButtons(content: TemplateContent, buttons: Button[]): TemplateContent {
  switch (content.type) {
    case 'twilio/quick-reply':
      return { ...content, actions: buttons.map((b) => ({ title: b.title, id: b.id ?? null })) };
    case 'twilio/call-to-action':
      return {
        ...content,
        actions: buttons.map((b) =>
          b.kind === 'PHONE_NUMBER'
            ? { type: 'PHONE_NUMBER' as const, title: b.title, phone: b.target }
            : { type: 'URL' as const, title: b.title, url: b.target },
        ),
      };
    case 'twilio/card':
    case 'whatsapp/card':
      return {
        ...content,
        actions: buttons.map((b) =>
          b.kind === 'PHONE_NUMBER'
            ? { type: 'PHONE_NUMBER' as const, title: b.title, phone: b.target }
            : b.kind === 'URL'
              ? { type: 'URL' as const, title: b.title, url: b.target }
              : { type: 'QUICK_REPLY' as const, title: b.title, id: b.id ?? null },
        ),
      };
    default:
      return content;
  }
}
