// How a platform verdict looks in the inventory: badge tone and sentence key per status, the
// per-platform tooltip, and the worst-first order used to sort and filter.
import type { KeySummary, PlatformVerdict, VerdictStatus } from './types';
import type { Translate } from './api';

export const VERDICTS: readonly VerdictStatus[] = ['rejected', 'risky', 'unknown', 'ready'];

export type Tone = 'ok' | 'bad' | 'warn' | 'neutral';

export interface VerdictBadge {
  tone: Tone;
  /** i18n key of the short label ("Ready", "Will be rejected", …). */
  labelKey: string;
}

const TONES: Record<VerdictStatus, Tone> = { ready: 'ok', rejected: 'bad', risky: 'warn', unknown: 'neutral' };

export function verdictBadge(status: VerdictStatus): VerdictBadge {
  return { tone: TONES[status], labelKey: `verdict.${status}` };
}

/** "Bitsgap: ready · 3Commas: will be rejected", one entry per platform the key is assigned to;
 * with the key's full verdicts (`details`, fetched on hover), one line per platform and then each
 * of its reasons with its fix — every one, even several sharing a code. */
export function verdictTooltip(
  key: KeySummary,
  platformName: (id: string) => string,
  t: Translate,
  details?: PlatformVerdict[],
): string {
  if (details)
    return details
      .map((v) => [`${v.platform_name}: ${t(`verdict.${v.status}`)}`, ...v.reasons.map((r) => `• ${r.message}`)])
      .flat()
      .join('\n');
  return key.verdicts.map((v) => `${platformName(v.platform)}: ${t(`verdict.${v.status}`)}`).join(' · ');
}

/** `null` = any key; `'none'` = keys assigned to no platform (they have no verdict). */
export type VerdictFilter = VerdictStatus | 'none' | null;

export function matchesVerdict(key: KeySummary, filter: VerdictFilter): boolean {
  if (filter === null) return true;
  if (filter === 'none') return key.verdict === undefined;
  return key.verdict === filter;
}
