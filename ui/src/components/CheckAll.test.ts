import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import CheckAll from './CheckAll.svelte';
import { session } from '../lib/session.svelte';
import { checkReports, keySummaries } from '../fixtures';
import type { CheckProgress, CheckRun, PlatformVerdict } from '../lib/types';

const reports = checkReports();
const [alpha, beta, gamma, delta, epsilon] = keySummaries();

const verdict = (status: PlatformVerdict['status'], codes: string[]): PlatformVerdict => ({
  platform: 'bitsgap',
  platform_name: 'Bitsgap',
  status,
  reasons: codes.map((code, n) => ({
    code,
    severity: status === 'rejected' ? 'blocker' : 'warning',
    message: `${code} ${n}`,
  })),
});

const done = (id: string, over: Partial<CheckProgress>): CheckProgress => ({
  id,
  state: 'done',
  report: reports.ok,
  verdicts: [],
  ...over,
});

function shell(run: CheckRun = { running: false, rows: [] }) {
  const calls: string[] = [];
  mockIPC(
    (cmd) => {
      calls.push(cmd);
      if (cmd === 'keys_check_all_status') return run;
      return null;
    },
    { shouldMockEvents: true },
  );
  return calls;
}

const row = (label: string) =>
  screen.getAllByTestId('check-all-row').find((r) => r.dataset.label === label) as HTMLElement;

afterEach(() => {
  session.keys = [];
  session.show({ name: 'list' });
});

describe('CheckAll', () => {
  it('follows each key from waiting to done, in the five outcomes with each verdict’s reasons', async () => {
    session.keys = [alpha, beta, gamma, delta, epsilon].map((k) => ({ ...k }));
    shell();
    render(CheckAll);
    await fireEvent.click(screen.getByTestId('check-all-start'));
    await waitFor(() => expect(row(alpha.label).dataset.state).toBe('waiting'));

    await emit('check_progress', { id: alpha.id, state: 'running', verdicts: [] });
    await waitFor(() => expect(row(alpha.label).dataset.state).toBe('running'));

    await emit('check_progress', done(alpha.id, { outcome: 'works', verdicts: [verdict('ready', [])] }));
    // Withdrawals on: the exchange takes the key, Bitsgap will not. Not a green "works".
    await emit(
      'check_progress',
      done(beta.id, { outcome: 'will_be_rejected', verdicts: [verdict('rejected', ['withdraw_enabled'])] }),
    );
    // Two reasons sharing one code both show.
    await emit(
      'check_progress',
      done(gamma.id, {
        outcome: 'risky',
        verdicts: [verdict('risky', ['ip_whitelist_missing', 'ip_whitelist_missing'])],
      }),
    );
    await emit('check_progress', done(delta.id, { outcome: 'couldnt_check', report: reports.exchange_unavailable }));
    await emit('check_progress', done(epsilon.id, { outcome: 'key_refused', report: reports.invalid_key }));

    await waitFor(() => expect(row(epsilon.label).dataset.outcome).toBe('key_refused'));
    expect(row(alpha.label)).toHaveTextContent('Works');
    expect(row(beta.label)).toHaveTextContent('will be rejected');
    expect(row(beta.label)).toHaveTextContent('withdraw_enabled');
    expect(row(gamma.label).querySelectorAll('[data-code="ip_whitelist_missing"]')).toHaveLength(2);
    expect(row(delta.label)).toHaveTextContent("Couldn't check");
    expect(row(delta.label).querySelector('[data-testid="check-all-cause"]')?.textContent).not.toBe('');
    expect(row(delta.label)).not.toHaveTextContent('Key refused');
    expect(row(epsilon.label)).toHaveTextContent('Key refused');
    expect(row(epsilon.label)).toHaveTextContent('OKX does not recognise this API key');
    expect(screen.getByTestId('check-all-summary')).toHaveTextContent('5 of 5 checked, 1 failed');
  });

  it('opens the key of a row', async () => {
    session.keys = [alpha];
    shell();
    render(CheckAll);
    await fireEvent.click(screen.getByTestId('check-all-open'));
    expect(session.view).toEqual({ name: 'detail', id: alpha.id });
  });

  it('shows a run that went on without the page (or that the demo started) when it opens again', async () => {
    session.keys = [alpha, beta];
    const calls = shell({
      running: true,
      rows: [done(alpha.id, { outcome: 'works' }), { id: beta.id, state: 'running', verdicts: [] }],
    });
    render(CheckAll);
    await waitFor(() => expect(row(alpha.label).dataset.outcome).toBe('works'));
    expect(row(beta.label).dataset.state).toBe('running');
    expect(screen.getByTestId('check-all-start')).toBeDisabled();
    expect(calls).not.toContain('keys_check_all');
    await emit('check_all_done', null);
    await waitFor(() => expect(screen.getByTestId('check-all-start')).not.toBeDisabled());
  });
  // Issue 14: each key's total beside its verdict, at the exchange's prices when checked.
  it('shows each key’s total next to its verdict, or that the prices were unavailable', async () => {
    session.keys = [alpha, beta, gamma].map((k) => ({ ...k }));
    shell({
      running: false,
      rows: [
        done(alpha.id, { outcome: 'works', report: reports.ok }),
        done(beta.id, { outcome: 'works', report: reports.prices_unavailable }),
        done(gamma.id, { outcome: 'key_refused', report: reports.invalid_key }),
      ],
    });
    render(CheckAll);
    await waitFor(() => expect(row(gamma.label).dataset.outcome).toBe('key_refused'));
    const total = row(alpha.label).querySelector('[data-testid="check-all-total"]');
    expect(total).toHaveTextContent('≈ 50,050.62 USDT');
    // Beside the verdict, in the same line.
    expect(total?.parentElement).toBe(
      row(alpha.label).querySelector('[data-testid="check-all-outcome"]')?.parentElement,
    );
    expect(row(beta.label).querySelector('[data-testid="check-all-total"]')).toBeNull();
    expect(row(beta.label)).toHaveTextContent('Prices unavailable');
    expect(row(gamma.label).querySelector('[data-testid="check-all-total"]')).toBeNull();
    expect(row(gamma.label)).not.toHaveTextContent('Prices unavailable');
  });
});
