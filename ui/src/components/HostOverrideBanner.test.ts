// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { hosts } from '$lib/hosts.svelte';
import { showIn } from '$lib/i18n.svelte';
import HostOverrideBanner from './HostOverrideBanner.svelte';

const OVERRIDE = { variable: 'CHANNEL_DESK_TWILIO_API_URL', url: 'http://127.0.0.1:4010/' };

afterEach(() => {
  showIn('en');
  hosts.items = [];
  hosts.error = null;
});

describe('HostOverrideBanner', () => {
  it('has its live region before there is anything to say', () => {
    render(HostOverrideBanner);
    expect(screen.getByRole('status').textContent?.trim()).toBe('');
    hosts.items = [OVERRIDE];
    flushSync();
    expect(screen.getByRole('status').textContent).toContain(
      'Twilio requests go to http://127.0.0.1:4010/ (CHANNEL_DESK_TWILIO_API_URL), not Twilio.',
    );
  });

  it('names each replaced host in the current language', () => {
    hosts.items = [OVERRIDE];
    render(HostOverrideBanner);
    showIn('zh-TW');
    flushSync();
    const text = screen.getByRole('status').textContent ?? '';
    expect(text).toContain('已取代 Twilio 主機');
    expect(text).toContain('Twilio 要求會傳送到 http://127.0.0.1:4010/ (CHANNEL_DESK_TWILIO_API_URL)，而不是 Twilio。');
  });

  it('says why it cannot tell, from the error’s code', () => {
    hosts.error = { code: 'storage', field: null, params: {}, more: [] };
    render(HostOverrideBanner);
    const text = screen.getByRole('status').textContent ?? '';
    expect(text).toContain('Could not tell whether Twilio requests go to Twilio: Could not read or write the local database.');
    expect(text).not.toContain('Command host_overrides not allowed');
  });
});
