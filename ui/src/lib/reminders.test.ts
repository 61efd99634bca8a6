import { describe, expect, it } from 'vitest';
import { groupReminders } from './reminders';
import { safetyOverview } from '../fixtures';
import type { Reminder, ReminderKind } from './types';

const [base] = safetyOverview().reminders;
const reminder = (id: string, kind: ReminderKind): Reminder => ({ ...base, id, label: id, kind, days: undefined });

describe('groupReminders', () => {
  it('names every key while the list is short', () => {
    const all = [reminder('a', 'expired'), reminder('b', 'never_checked'), reminder('c', 'stale')];
    expect(groupReminders(all)).toEqual({ listed: all, summed: [] });
  });

  it('sums up unchecked keys beyond three but still names every expiry', () => {
    const never = ['n1', 'n2', 'n3', 'n4'].map((id) => reminder(id, 'never_checked'));
    const expiring = ['e1', 'e2', 'e3', 'e4', 'e5'].map((id) => reminder(id, 'expires_soon'));
    const stale = [reminder('s1', 'stale')];
    const grouped = groupReminders([...expiring, ...never, ...stale]);
    expect(grouped.summed).toEqual([{ kind: 'never_checked', count: 4 }]);
    expect(grouped.listed.map((r) => r.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 's1']);
  });
});
