import { afterEach, describe, expect, it } from 'vitest';
import { locales, showIn } from '../i18n.svelte';
import { m } from '../paraglide/messages';
import { MESSAGE_TRIGGERS } from './behaviours.svelte';
import { triggerLabel } from './labels';
import { languageName } from './languages.svelte';

afterEach(() => showIn('en'));

describe.each(locales)('in %s', (locale) => {
  it('names every message trigger, each differently', () => {
    showIn(locale);
    const labels = MESSAGE_TRIGGERS.map(triggerLabel);
    for (const label of labels) expect(label.trim()).not.toBe('');
    expect(new Set(labels).size).toBe(MESSAGE_TRIGGERS.length);
  });

  it('offers a default survey message of at most 200 characters', () => {
    showIn(locale);
    const text = m.setup_survey_default_message();
    expect(text.trim()).not.toBe('');
    expect([...text].length).toBeLessThanOrEqual(200);
  });
});

describe('language names', () => {
  it('follow the UI’s language', () => {
    expect(languageName('de')).toBe('German');
    showIn('de');
    expect(languageName('de')).toBe('Deutsch');
    showIn('ja');
    expect(languageName('pt-BR')).toContain('ポルトガル語');
  });

  it('fall back to the tag Intl cannot name', () => {
    expect(languageName('not a tag')).toBe('not a tag');
  });
});
