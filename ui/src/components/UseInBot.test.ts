import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import UseInBot from './UseInBot.svelte';

/** Like Rust: the line for the key's label and bot (bot_command.rs). */
function fakeShell() {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    const bot = (args as { bot: string }).bot;
    if (cmd === 'bot_command_line') return `coffre run 'Binance – grid' --for ${bot === 'other' ? 'env' : bot} -- x`;
    if (cmd === 'bot_command_copy') return { clear_after_s: 20 };
    return null;
  });
  return calls;
}

const line = () => screen.getByTestId('bot-command').textContent;

describe('UseInBot', () => {
  it('shows the command line for the bot the key is assigned to and copies it through Rust', async () => {
    const calls = fakeShell();
    render(UseInBot, { keyId: 'k1', label: 'Binance – grid', platforms: ['bitsgap', 'freqtrade'] });
    await waitFor(() => expect(line()).toBe("coffre run 'Binance – grid' --for freqtrade -- x"));
    expect((screen.getByTestId('bot-kind') as HTMLSelectElement).value).toBe('freqtrade');

    await fireEvent.click(screen.getByTestId('bot-copy'));
    await waitFor(() => expect(screen.getByTestId('bot-copy')).toHaveTextContent('Copied'));
    expect(calls).toContainEqual(['bot_command_copy', { id: 'k1', bot: 'freqtrade' }]);
    expect(screen.getByTestId('use-in-bot')).toHaveTextContent('any program of your user account can read');
  });

  it('a ccxt-script key starts on ccxt; another bot can be chosen', async () => {
    const calls = fakeShell();
    render(UseInBot, { keyId: 'k1', label: 'Binance – grid', platforms: ['ccxt-script'] });
    await waitFor(() => expect(line()).toContain('--for ccxt'));

    await fireEvent.change(screen.getByTestId('bot-kind'), { target: { value: 'other' } });
    await waitFor(() => expect(line()).toContain('--for env'));
    await fireEvent.click(screen.getByTestId('bot-copy'));
    await waitFor(() => expect(calls).toContainEqual(['bot_command_copy', { id: 'k1', bot: 'other' }]));
  });

  it('defaults to another program for a key of no bot', async () => {
    fakeShell();
    render(UseInBot, { keyId: 'k1', label: 'x', platforms: ['bitsgap'] });
    await waitFor(() => expect(line()).toContain('--for env'));
  });
});
