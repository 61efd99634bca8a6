import { describe, expect, it } from 'vitest';
import { emptyFilter, filterKeys } from './filter';
import { keySummaries } from '../fixtures';
import type { KeySummary, VerdictStatus } from './types';
import { VERDICTS, matchesVerdict, verdictBadge, verdictTooltip } from './verdict';

/** A fixture key made to carry `verdict` over the platforms of `verdicts`. */
function key(id: string, verdict?: VerdictStatus, verdicts: KeySummary['verdicts'] = []): KeySummary {
  const [base] = keySummaries();
  return { ...base, id, label: id, platforms: verdicts.map((v) => v.platform), verdict, verdicts };
}

const t = (id: string) => `<${id}>`;

describe('verdict badge', () => {
  it('maps each status to its tone and sentence', () => {
    expect(verdictBadge('ready')).toEqual({ tone: 'ok', labelKey: 'verdict.ready' });
    expect(verdictBadge('rejected')).toEqual({ tone: 'bad', labelKey: 'verdict.rejected' });
    expect(verdictBadge('risky')).toEqual({ tone: 'warn', labelKey: 'verdict.risky' });
    expect(verdictBadge('unknown')).toEqual({ tone: 'neutral', labelKey: 'verdict.unknown' });
  });

  it('lists the filter choices worst first', () => {
    expect(VERDICTS).toEqual(['rejected', 'risky', 'unknown', 'ready']);
  });

  it('names every platform with its own status in the tooltip', () => {
    const k = key('a', 'rejected', [
      { platform: 'bitsgap', status: 'ready' },
      { platform: '3commas', status: 'rejected' },
    ]);
    const names: Record<string, string> = { bitsgap: 'Bitsgap', '3commas': '3Commas' };
    expect(verdictTooltip(k, (p) => names[p], t)).toBe('Bitsgap: <verdict.ready> · 3Commas: <verdict.rejected>');
  });

  // Issue 14: the tooltip said only "Bitsgap: Risky".
  it('lists every reason of every platform once the verdicts are loaded, repeated codes included', () => {
    const k = key('a', 'risky', [{ platform: '3commas', status: 'risky' }]);
    const reason = { code: 'ip_whitelist_missing', severity: 'warning' as const };
    const details = [
      {
        platform: '3commas',
        platform_name: '3Commas',
        status: 'risky' as const,
        reasons: [
          { ...reason, message: 'Binance unticks trading after 30 days.' },
          { ...reason, message: 'Binance may delete an unused key.' },
        ],
      },
    ];
    expect(verdictTooltip(k, (p) => p, t, details)).toBe(
      '3Commas: <verdict.risky>\n• Binance unticks trading after 30 days.\n• Binance may delete an unused key.',
    );
  });

  it('has an empty tooltip for a key on no platform', () => {
    expect(verdictTooltip(key('a'), (p) => p, t)).toBe('');
  });
});

describe('filter by verdict', () => {
  const keys = [key('ready', 'ready'), key('rejected', 'rejected'), key('risky', 'risky'), key('bare')];

  it('keeps only the keys with the chosen verdict', () => {
    const shown = filterKeys(keys, { ...emptyFilter(), verdict: 'rejected' });
    expect(shown.map((k) => k.id)).toEqual(['rejected']);
  });

  it('"no platform" keeps the keys that have no verdict at all', () => {
    expect(filterKeys(keys, { ...emptyFilter(), verdict: 'none' }).map((k) => k.id)).toEqual(['bare']);
  });

  it('keeps every key when no verdict is chosen', () => {
    expect(filterKeys(keys, emptyFilter())).toHaveLength(4);
    expect(matchesVerdict(keys[3], null)).toBe(true);
  });

  it('a key without platforms never matches a real verdict', () => {
    for (const v of VERDICTS) expect(matchesVerdict(keys[3], v)).toBe(false);
  });
});
