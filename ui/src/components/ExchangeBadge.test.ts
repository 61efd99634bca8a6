import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import ExchangeBadge from './ExchangeBadge.svelte';
import { session } from '../lib/session.svelte';
import { exchanges } from '../fixtures';

afterEach(() => {
  session.exchangeBadges = {};
});

describe('ExchangeBadge', () => {
  it('paints the colour and letters the catalog gives the exchange', () => {
    const okx = exchanges().find((e) => e.id === 'okx');
    expect(okx).toBeDefined();
    session.exchangeBadges = { okx: { color: okx!.badge_color, initials: okx!.badge_initials } };
    render(ExchangeBadge, { exchange: 'okx', name: 'OKX' });
    const mark = screen.getByTestId('exchange-mark');
    expect(mark).toHaveTextContent(okx!.badge_initials);
    expect(okx!.badge_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(mark.style.background).not.toBe('');
    expect(mark).toHaveAccessibleName('OKX');
  });

  it('shows an exchange the catalog does not know by its name on the neutral colour', () => {
    render(ExchangeBadge, { exchange: 'someswap', name: 'SomeSwap' });
    const mark = screen.getByTestId('exchange-mark');
    expect(mark).toHaveTextContent('SO');
    expect(mark.style.background).toBe('');
  });
});
