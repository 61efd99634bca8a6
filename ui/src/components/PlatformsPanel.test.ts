import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import PlatformsPanel from './PlatformsPanel.svelte';
import type { KeyDetail, PlatformVerdict } from '../lib/types';

const key = (platforms: string[], platform_ips?: Record<string, string[]>): KeyDetail => ({
  id: 'k1',
  label: 'Grid',
  exchange: 'binance',
  exchange_name: 'Binance',
  platforms,
  tags: [],
  api_key_hint: 'ab…yz',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  status: 'ok',
  expiring_soon: false,
  notes: '',
  key_type: 'hmac',
  has_passphrase: false,
  history: [],
  platform_ips,
});

const verdicts: PlatformVerdict[] = [
  {
    platform: 'bitsgap',
    platform_name: 'Bitsgap',
    status: 'rejected',
    reasons: [
      { code: 'ip_info', severity: 'info', message: 'Restricted to the platform’s IPs.' },
      { code: 'withdraw_on', severity: 'blocker', message: 'Withdrawals are on: Bitsgap refuses such keys.' },
    ],
  },
  { platform: '3commas', platform_name: '3Commas', status: 'ready', reasons: [] },
];

function fakeShell() {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === 'key_verdicts') return verdicts;
    if (cmd === 'platform_ips_copy') return { clear_after_s: 20 };
    return null;
  });
  return calls;
}

describe('PlatformsPanel', () => {
  it('shows each platform’s verdict with its reasons, blockers first, in the user’s language', async () => {
    const calls = fakeShell();
    render(PlatformsPanel, { key: key(['bitsgap', '3commas']), onsend: () => {} });

    const cards = await screen.findAllByTestId('platform-verdict');
    expect(cards.map((c) => [c.dataset.platform, c.dataset.verdict])).toEqual([
      ['bitsgap', 'rejected'],
      ['3commas', 'ready'],
    ]);
    const reasons = screen.getAllByTestId('verdict-reason');
    expect(reasons.map((r) => r.dataset.severity)).toEqual(['blocker', 'info']);
    expect(reasons[0]).toHaveTextContent('Withdrawals are on: Bitsgap refuses such keys.');
    expect(calls[0]).toEqual({ cmd: 'key_verdicts', args: { id: 'k1', lang: 'en' } });
  });

  it('warns about nonce errors when several platforms share the key, and not otherwise', async () => {
    fakeShell();
    const { unmount } = render(PlatformsPanel, { key: key(['bitsgap', '3commas']), onsend: () => {} });
    expect(screen.getByTestId('shared-key-hint')).toHaveTextContent('nonce errors on Kraken');
    unmount();
    render(PlatformsPanel, { key: key(['bitsgap']), onsend: () => {} });
    expect(screen.queryByTestId('shared-key-hint')).toBeNull();
  });

  it('“Send to” starts the paste sequence for that platform', async () => {
    fakeShell();
    const onsend = vi.fn();
    render(PlatformsPanel, { key: key(['bitsgap', '3commas']), onsend });
    await fireEvent.click(await screen.findByTestId('send-to-3commas'));
    expect(onsend).toHaveBeenCalledWith('3commas');
  });

  it('saves the edited IP list one address per entry and copies it for the whitelist', async () => {
    const calls = fakeShell();
    render(PlatformsPanel, { key: key(['bitsgap'], { bitsgap: ['1.2.3.4'] }), onsend: () => {} });
    expect(await screen.findByTestId('ips-list-bitsgap')).toHaveTextContent('1.2.3.4');

    await fireEvent.click(screen.getByTestId('ips-edit-bitsgap'));
    await fireEvent.input(screen.getByTestId('ips-input-bitsgap'), {
      target: { value: '18.180.13.115, 52.68.107.40\n2001:db8::1' },
    });
    await fireEvent.click(screen.getByTestId('ips-save-bitsgap'));

    await waitFor(() =>
      expect(screen.getByTestId('ips-list-bitsgap')).toHaveTextContent('18.180.13.115, 52.68.107.40, 2001:db8::1'),
    );
    expect(calls.find((c) => c.cmd === 'platform_ips_set')?.args).toEqual({
      id: 'k1',
      platform: 'bitsgap',
      ips: ['18.180.13.115', '52.68.107.40', '2001:db8::1'],
    });

    await fireEvent.click(screen.getByTestId('ips-copy-bitsgap'));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === 'platform_ips_copy')?.args).toEqual({ id: 'k1', platform: 'bitsgap' }),
    );
  });
});
