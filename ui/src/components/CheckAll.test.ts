import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import CheckAll from './CheckAll.svelte';
import { session } from '../lib/session.svelte';
import { checkReports, keySummaries } from '../fixtures';

const reports = checkReports();

afterEach(() => {
  session.keys = [];
});

describe('CheckAll', () => {
  it('shows each key’s progress from the events and reflects results in the inventory', async () => {
    const [alpha, beta] = keySummaries();
    const keys = [alpha, beta];
    session.keys = keys.map((k) => ({ ...k }));
    mockIPC((cmd) => (cmd === 'keys_list' ? keys : null), { shouldMockEvents: true });
    render(CheckAll);
    await fireEvent.click(screen.getByTestId('check-all-start'));

    const row = (label: string) =>
      screen.getAllByTestId('check-all-row').find((r) => r.dataset.label === label) as HTMLElement;
    await waitFor(() => expect(row(alpha.label).dataset.state).toBe('waiting'));

    await emit('check_progress', { id: alpha.id, state: 'running' });
    await waitFor(() => expect(row(alpha.label).dataset.state).toBe('running'));

    await emit('check_progress', { id: alpha.id, state: 'done', report: reports.ok });
    await emit('check_progress', { id: beta.id, state: 'done', report: reports.invalid_key });
    await waitFor(() => expect(row(beta.label)).toHaveTextContent('does not know this API key'));
    expect(row(alpha.label).dataset.ok).toBe('true');
    expect(session.keys.map((k) => k.status)).toEqual(['ok', 'failed']);
    expect(screen.getByTestId('check-all-summary')).toHaveTextContent('2 of 2 checked, 1 failed');
  });
});
