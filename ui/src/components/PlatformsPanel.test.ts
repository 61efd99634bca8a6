import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import PlatformsPanel from './PlatformsPanel.svelte';
import { keyByLabel, keyDetails, keyVerdicts } from '../fixtures';
import type { Severity } from '../lib/types';

// Rejected by both its platforms, each for a blocker that Rust lists after a warning.
const bybit = keyByLabel(keyDetails(), 'Bybit sub-account 2');
// On one platform only.
const okx = keyByLabel(keyDetails(), 'OKX futures');
// Ready for Bitsgap, refused by SmartradeX; Bitsgap's IP list stored.
const grid = keyByLabel(keyDetails(), 'Binance – grid bot');

function fakeShell() {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === 'key_verdicts') return keyVerdicts()[(args as { id: string }).id];
    if (cmd === 'platform_ips_copy') return { clear_after_s: 20 };
    return null;
  });
  return calls;
}

describe('PlatformsPanel', () => {
  it('shows each platform’s verdict with its reasons, blockers first, in the user’s language', async () => {
    const calls = fakeShell();
    const verdicts = keyVerdicts()[bybit.id];
    render(PlatformsPanel, { key: bybit, onsend: () => {} });

    const cards = await screen.findAllByTestId('platform-verdict');
    expect(cards.map((c) => [c.dataset.platform, c.dataset.verdict])).toEqual(
      verdicts.map((v) => [v.platform, v.status]),
    );
    const rank: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };
    const worstFirst = verdicts.flatMap((v) => v.reasons.map((r) => r.severity).sort((a, b) => rank[a] - rank[b]));
    expect(verdicts[0].reasons[0].severity).not.toBe('blocker');
    const reasons = screen.getAllByTestId('verdict-reason');
    expect(reasons.map((r) => r.dataset.severity)).toEqual(worstFirst);
    const blocker = verdicts[0].reasons.find((r) => r.severity === 'blocker')!;
    expect(reasons[0]).toHaveTextContent(blocker.message);
    expect(calls[0]).toEqual({ cmd: 'key_verdicts', args: { id: bybit.id, lang: 'en' } });
  });

  // Issue 14: a Risky key whose reasons share one code showed an empty card, without its
  // "Send to" button. Even two reasons reading alike must each show.
  it('shows every reason of a verdict even when codes and sentences repeat, and its Send button', async () => {
    const reason = {
      code: 'needless_permission' as const,
      severity: 'warning' as const,
      message: 'Spot trading enabled but Crypty Ghost Bot does not need it.',
    };
    const verdict = {
      platform: 'crypty-ghost',
      platform_name: 'Crypty Ghost Bot',
      status: 'risky' as const,
      reasons: [reason, { ...reason, message: 'Margin enabled but Crypty Ghost Bot does not need it.' }, reason],
    };
    mockIPC((cmd) => (cmd === 'key_verdicts' ? [verdict] : null));
    const onsend = vi.fn();
    render(PlatformsPanel, { key: { ...okx, platforms: ['crypty-ghost'] }, onsend });
    await waitFor(() => expect(screen.getAllByTestId('verdict-reason')).toHaveLength(3));
    const codes = screen.getAllByTestId('verdict-reason').map((r) => r.dataset.code);
    expect(codes).toEqual(['needless_permission', 'needless_permission', 'needless_permission']);
    expect(screen.getByTestId('platform-verdict')).toHaveTextContent('Margin enabled');
    await fireEvent.click(screen.getByTestId('send-to-crypty-ghost'));
    expect(onsend).toHaveBeenCalledWith('crypty-ghost');
  });

  it('warns about nonce errors when several platforms share the key, and not otherwise', async () => {
    fakeShell();
    const { unmount } = render(PlatformsPanel, { key: bybit, onsend: () => {} });
    expect(screen.getByTestId('shared-key-hint')).toHaveTextContent('nonce errors on Kraken');
    unmount();
    render(PlatformsPanel, { key: okx, onsend: () => {} });
    expect(screen.queryByTestId('shared-key-hint')).toBeNull();
  });

  it('“Send to” starts the paste sequence for that platform', async () => {
    fakeShell();
    const onsend = vi.fn();
    render(PlatformsPanel, { key: grid, onsend });
    const [, second] = grid.platforms;
    await fireEvent.click(await screen.findByTestId(`send-to-${second}`));
    expect(onsend).toHaveBeenCalledWith(second);
  });

  it('the Send button is primary only where the key will not be rejected', async () => {
    fakeShell();
    render(PlatformsPanel, { key: grid, onsend: () => {} });
    await screen.findByTestId('send-to-bitsgap');
    const statuses = Object.fromEntries(keyVerdicts()[grid.id].map((v) => [v.platform, v.status]));
    expect([statuses.bitsgap, statuses.smartradex]).toEqual(['ready', 'rejected']);
    expect(screen.getByTestId('send-to-bitsgap')).toHaveClass('primary');
    expect(screen.getByTestId('send-to-smartradex')).not.toHaveClass('primary');
  });

  it('saves the edited IP list one address per entry and copies it for the whitelist', async () => {
    const calls = fakeShell();
    render(PlatformsPanel, { key: grid, onsend: () => {} });
    expect(await screen.findByTestId('ips-list-bitsgap')).toHaveTextContent(grid.platform_ips.bitsgap.join(', '));

    await fireEvent.click(screen.getByTestId('ips-edit-bitsgap'));
    await fireEvent.input(screen.getByTestId('ips-input-bitsgap'), {
      target: { value: '18.180.13.115, 52.68.107.40\n2001:db8::1' },
    });
    await fireEvent.click(screen.getByTestId('ips-save-bitsgap'));

    await waitFor(() =>
      expect(screen.getByTestId('ips-list-bitsgap')).toHaveTextContent('18.180.13.115, 52.68.107.40, 2001:db8::1'),
    );
    expect(calls.find((c) => c.cmd === 'platform_ips_set')?.args).toEqual({
      id: grid.id,
      platform: 'bitsgap',
      ips: ['18.180.13.115', '52.68.107.40', '2001:db8::1'],
    });

    await fireEvent.click(screen.getByTestId('ips-copy-bitsgap'));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === 'platform_ips_copy')?.args).toEqual({ id: grid.id, platform: 'bitsgap' }),
    );
  });
});
