import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import ExplainError from './ExplainError.svelte';
import { expectEscapeClosesAndReturns, expectModalWithFocus, expectTabStaysInside, focusedOpener } from './dialog-keys';
import { checkReports, explainView } from '../fixtures';

// ccxt's line for Binance -2015, as Rust explains it, with the fixture vault's Binance keys.
const view = explainView();
const LINE = 'AuthenticationError: binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}';

async function paste(text: string) {
  await fireEvent.input(screen.getByTestId('explain-text'), { target: { value: text } });
  await fireEvent.click(screen.getByTestId('explain-submit'));
}

describe('ExplainError', () => {
  it('sends the pasted line with the UI language and shows the causes and probes', async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'error_explain') {
        calls.push(args);
        return view;
      }
    });
    render(ExplainError, { onclose: () => {} });
    await paste(LINE);
    const causes = await screen.findAllByTestId('explain-cause');
    expect(calls).toEqual([{ text: LINE, lang: 'en' }]);
    expect(screen.getByRole('heading', { name: 'Binance, code -2015' })).toBeInTheDocument();
    expect(causes.map((c) => c.textContent)).toEqual(view.explanation.findings[0].causes.map((c) => c.text));
    expect(screen.getAllByTestId('explain-probe')).toHaveLength(2);
  });

  it('offers a check per Binance key of the vault and shows its result', async () => {
    const key = view.keys[0];
    expect(key).toBeDefined();
    const checked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'error_explain') return view;
      if (cmd === 'key_check') {
        checked.push(args);
        return checkReports().clock_skew;
      }
    });
    render(ExplainError, { onclose: () => {} });
    await paste(LINE);
    const buttons = await screen.findAllByTestId('explain-check');
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(view.keys.map((k) => `Check ${k.label}`));
    await fireEvent.click(buttons[0]);
    expect(await screen.findByTestId('diagnosis')).toHaveTextContent('behind');
    expect(checked).toEqual([{ id: key.id }]);
  });

  it('says when nothing is recognised and offers no check', async () => {
    const hint = 'Coffre found no exchange refusal it knows in this text.';
    mockIPC((cmd) => {
      if (cmd === 'error_explain') return { explanation: { exchanges: [], findings: [], hint }, keys: [] };
    });
    render(ExplainError, { onclose: () => {} });
    await paste('hello');
    expect(await screen.findByTestId('explain-hint')).toHaveTextContent(hint);
    expect(screen.queryByTestId('explain-check')).toBeNull();
    expect(screen.queryByTestId('explain-no-keys')).toBeNull();
  });

  it('does not explain an empty text, and Close closes', async () => {
    let closed = false;
    render(ExplainError, { onclose: () => (closed = true) });
    expect(screen.getByTestId('explain-submit')).toBeDisabled();
    await fireEvent.click(screen.getByTestId('explain-close'));
    expect(closed).toBe(true);
  });

  it('from the keyboard: focus in the text, Tab kept inside, Escape closes, focus back where it was', async () => {
    const opener = focusedOpener();
    const { unmount } = render(ExplainError, { onclose: () => unmount() });
    const dialog = screen.getByTestId('explain-dialog');
    expectModalWithFocus(dialog);
    expect(document.activeElement).toBe(screen.getByTestId('explain-text'));
    await fireEvent.input(screen.getByTestId('explain-text'), { target: { value: 'x' } });
    await expectTabStaysInside(dialog);
    await expectEscapeClosesAndReturns('explain-dialog', opener);
    opener.remove();
  });
});
