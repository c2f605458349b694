import { describe, expect, it } from 'vitest';
import type { TemplateContent } from '../bindings/TemplateContent';
import { buttonKinds, buttonsOf, withButtons } from './buttons';

describe('buttons', () => {
  it('offers the kinds each content type has', () => {
    expect(buttonKinds('twilio/text')).toEqual([]);
    expect(buttonKinds('twilio/quick-reply')).toEqual(['QUICK_REPLY']);
    expect(buttonKinds('twilio/call-to-action')).toEqual(['URL', 'PHONE_NUMBER']);
    expect(buttonKinds('whatsapp/card')).toEqual(['QUICK_REPLY', 'URL', 'PHONE_NUMBER']);
  });

  it('keeps a quick reply id and each target through an edit', () => {
    const card: TemplateContent = {
      type: 'whatsapp/card',
      body: 'Hi',
      headerText: null,
      footer: null,
      media: [],
      actions: [
        { type: 'QUICK_REPLY', title: 'Yes', id: 'yes-1' },
        { type: 'URL', title: 'Track', url: 'https://example.com/{{1}}' },
        { type: 'PHONE_NUMBER', title: 'Call', phone: '+14155550100' },
      ],
    };
    const buttons = buttonsOf(card);
    const edited = withButtons(card, buttons.map((b, i) => (i === 0 ? { ...b, title: 'Yes please' } : b)));
    expect(edited).toEqual({ ...card, actions: [{ type: 'QUICK_REPLY', title: 'Yes please', id: 'yes-1' }, ...card.actions.slice(1)] });

    const replies: TemplateContent = { type: 'twilio/quick-reply', body: 'Hi', actions: [{ title: 'Stop', id: 'stop' }] };
    expect(withButtons(replies, buttonsOf(replies))).toEqual(replies);
  });
});
