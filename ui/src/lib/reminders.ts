// The reminder banner's lines: every expiry is named, but a pile of unchecked keys (a fresh import,
// the demo) becomes one line with a "Check all" button instead of a wall of names.
import type { Reminder, ReminderKind } from './types';

/** Kinds that a single "Check all" fixes, so they can be summed up. */
const CHECKABLE: ReminderKind[] = ['never_checked', 'stale'];

export interface GroupedReminders {
  listed: Reminder[];
  /** Kinds with more than `maxNamed` keys, as counts. */
  summed: { kind: ReminderKind; count: number }[];
}

export function groupReminders(reminders: Reminder[], maxNamed = 3): GroupedReminders {
  const summed = CHECKABLE.map((kind) => ({
    kind,
    count: reminders.filter((r) => r.kind === kind).length,
  })).filter((group) => group.count > maxNamed);
  const summedKinds = new Set(summed.map((group) => group.kind));
  return { listed: reminders.filter((r) => !summedKinds.has(r.kind)), summed };
}
