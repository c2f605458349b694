// Components rendered to HTML with svelte/server: what the window shows for a given store state.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { hosts } from '$lib/hosts.svelte';
import { view } from '$lib/view.svelte';
import App from './App.svelte';
import HostOverrideBanner from './HostOverrideBanner.svelte';

const OVERRIDE = { variable: 'CHANNEL_DESK_TWILIO_API_URL', url: 'http://127.0.0.1:4010/' };
const SAID = 'Twilio requests go to http://127.0.0.1:4010/ (CHANNEL_DESK_TWILIO_API_URL), not Twilio.';

describe('the host override banner', () => {
  it('is on every page, above the navigation, when a Twilio host is overridden', () => {
    hosts.items = [OVERRIDE];
    for (const screen of ['accounts', 'wizard', 'settings'] as const) {
      view.current = screen;
      const { body } = render(App);
      expect(body).toContain(SAID);
      expect(body.indexOf('id="host-overrides"')).toBeLessThan(body.indexOf('<nav'));
    }
  });

  it('is a status region with nothing to dismiss it', () => {
    hosts.items = [OVERRIDE, { variable: 'CHANNEL_DESK_TWILIO_MESSAGING_URL', url: 'http://127.0.0.1:4012/' }];
    const { body } = render(HostOverrideBanner);
    expect(body).toContain('role="status"');
    expect(body).toContain(SAID);
    expect(body).toContain('Twilio requests go to http://127.0.0.1:4012/ (CHANNEL_DESK_TWILIO_MESSAGING_URL), not Twilio.');
    expect(body).not.toContain('<button');
  });

  it('is not there when Twilio’s own hosts are used', () => {
    hosts.items = [];
    hosts.error = null;
    expect(render(App).body).not.toContain('id="host-overrides"');
  });

  it('says so when it cannot tell', () => {
    hosts.items = [];
    hosts.error = { code: 'storage', message: 'Command host_overrides not allowed', field: null };
    const { body } = render(HostOverrideBanner);
    expect(body).toContain('Could not tell whether Twilio requests go to Twilio');
    expect(body).toContain('Command host_overrides not allowed');
  });
});

describe('the question before leaving the wizard', () => {
  it('asks about closing the window when the close button was used', () => {
    hosts.items = [];
    hosts.error = null;
    view.current = 'wizard';
    view.pendingLeave = 'window';
    const { body } = render(App);
    expect(body).toContain('Close Channel Desk without saving this page?');
    expect(body).toContain('Close without saving');
    view.pendingLeave = 'settings';
    expect(render(App).body).toContain('Leave without saving this page?');
    view.pendingLeave = null;
  });
});
