import { describe, expect, it, vi } from 'vitest';
import { HostOverridesStore, hostOverrideMessage, type HostsIpc } from './hosts.svelte';

const API = { variable: 'CHANNEL_DESK_TWILIO_API_URL', url: 'http://127.0.0.1:4010/' };
const CONTENT = { variable: 'CHANNEL_DESK_TWILIO_CONTENT_URL', url: 'http://127.0.0.1:4011/' };

describe('HostOverridesStore', () => {
  it('names each overridden host and the variable that set it', async () => {
    const api: HostsIpc = { hostOverrides: vi.fn(async () => [API, CONTENT]) };
    const store = new HostOverridesStore(api);
    await store.load();
    expect(store.items).toEqual([API, CONTENT]);
    expect(store.items.map(hostOverrideMessage)).toEqual([
      'Twilio requests go to http://127.0.0.1:4010/ (CHANNEL_DESK_TWILIO_API_URL), not Twilio.',
      'Twilio requests go to http://127.0.0.1:4011/ (CHANNEL_DESK_TWILIO_CONTENT_URL), not Twilio.',
    ]);
    expect(store.error).toBeNull();
  });

  it('has nothing to show when Twilio’s own hosts are used', async () => {
    const store = new HostOverridesStore({ hostOverrides: vi.fn(async () => []) });
    await store.load();
    expect(store.items).toEqual([]);
    expect(store.error).toBeNull();
  });

  it('says so when it cannot tell which hosts are used', async () => {
    const store = new HostOverridesStore({
      hostOverrides: vi.fn(async () => {
        throw 'Command host_overrides not allowed';
      }),
    });
    await store.load();
    expect(store.items).toEqual([]);
    expect(store.error?.code).toBe('storage');
  });
});
