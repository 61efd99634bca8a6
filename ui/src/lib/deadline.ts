// A key's deadline as every view shows it (row badge, About card, banner, safety overview): the
// date comes from the core's one expiry truth (`coffre_core::deadline`); this only words it and
// orders keys by it.
import type { Deadline, KeySummary } from './types';

/** The i18n key of what happens on the date. */
export function deadlineLabelKey(d: Deadline): string {
  return `deadline.${d.effect}`;
}

/** The i18n key of where the date comes from. */
export function deadlineKindKey(d: Deadline): string {
  return `deadline.${d.kind}`;
}

/** Keys with the nearest deadline first; keys without one after, by label. */
export function compareByDeadline(a: KeySummary, b: KeySummary): number {
  const at = (k: KeySummary) => (k.deadline ? Date.parse(k.deadline.at) : Number.POSITIVE_INFINITY);
  const diff = at(a) - at(b);
  if (diff !== 0 && !Number.isNaN(diff)) return diff;
  return a.label.localeCompare(b.label);
}
