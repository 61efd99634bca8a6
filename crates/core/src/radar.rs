//! The key-health radar: while the vault is open, each key is re-checked on a schedule (once a day
//! by default), spread out so keys added together are not all checked at the same minute, and never
//! faster than a per-exchange budget. It also says which deadline warnings are due (14, 3 and 1
//! days before, each once). The app only drives a timer that calls `tick`; the rules are here,
//! against an injectable clock.

use crate::checks;
use crate::deadline::{self, Deadline, DeadlineEffect, DeadlineWarning};
use crate::error::CoreResult;
use crate::session::Session;
use chrono::{DateTime, Duration, Utc};
use coffre_model::CheckReport;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::Arc;
use ts_rs::TS;

/// The wall clock the radar reads (a fake one in tests).
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The system's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// How often and how fast the radar checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RadarPolicy {
    /// A key is re-checked this long after its last check.
    pub interval: Duration,
    /// Keys are spread over this window after their due time (by a hash of their id).
    pub spread: Duration,
    /// At most this many checks start per exchange within `window`: each check is two or three
    /// signed requests, far below every exchange's published limits.
    pub per_exchange: usize,
    pub window: Duration,
}

impl Default for RadarPolicy {
    fn default() -> Self {
        RadarPolicy {
            interval: Duration::days(1),
            spread: Duration::hours(1),
            per_exchange: 2,
            window: Duration::minutes(1),
        }
    }
}

/// What the radar needs to know of a key to schedule it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RadarKey {
    pub id: String,
    pub exchange: String,
    pub last_checked_at: Option<DateTime<Utc>>,
}

impl RadarKey {
    /// A stored key as the schedule sees it. Its last attempt counts, whether it reached the
    /// exchange or not: counting only checks that got through would retry a key of an exchange
    /// that is down at every free slot of its budget, all day long.
    pub fn of(id: &str, meta: &coffre_vault::KeyMeta) -> RadarKey {
        let reached = meta.last_check.as_ref().map(|c| c.checked_at);
        let not_reached = meta.unreachable_check.as_ref().map(|c| c.checked_at);
        RadarKey {
            id: id.to_owned(),
            exchange: meta.exchange.clone(),
            last_checked_at: reached.max(not_reached),
        }
    }
}

/// The schedule's memory: which checks started when, per exchange.
pub struct Radar {
    clock: Arc<dyn Clock>,
    policy: RadarPolicy,
    started: HashMap<String, VecDeque<DateTime<Utc>>>,
}

impl Radar {
    pub fn new(clock: Arc<dyn Clock>, policy: RadarPolicy) -> Radar {
        Radar {
            clock,
            policy,
            started: HashMap::new(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// When `key` is next due: never checked keys right away, others `interval` after their last
    /// check plus their spread offset.
    pub fn due_at(&self, key: &RadarKey) -> Option<DateTime<Utc>> {
        let last = key.last_checked_at?;
        Some(last + self.policy.interval + offset(&key.id, self.policy.spread))
    }

    /// The keys to check now, most overdue first, within each exchange's budget; the returned
    /// checks count against the budget from now on.
    pub fn take_due(&mut self, keys: &[RadarKey]) -> Vec<String> {
        let now = self.clock.now();
        let mut due: Vec<(Option<DateTime<Utc>>, &RadarKey)> = keys
            .iter()
            .map(|k| (self.due_at(k), k))
            .filter(|(at, _)| at.is_none_or(|at| at <= now))
            .collect();
        due.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let mut taken = Vec::new();
        for (_, key) in due {
            let starts = self.started.entry(key.exchange.clone()).or_default();
            while starts
                .front()
                .is_some_and(|t| *t + self.policy.window <= now)
            {
                starts.pop_front();
            }
            if starts.len() < self.policy.per_exchange {
                starts.push_back(now);
                taken.push(key.id.clone());
            }
        }
        taken
    }
}

/// A stable offset in `[0, spread)` for a key id (FNV-1a: the same across runs and machines).
fn offset(id: &str, spread: Duration) -> Duration {
    let spread_s = spread.num_seconds().max(1) as u64;
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    Duration::seconds((hash % spread_s) as i64)
}

/// Days before a deadline at which the trader is warned, each once.
pub const WARN_DAYS: [i64; 3] = [14, 3, 1];

/// A desktop notification to show: the key's deadline crossed one of `WARN_DAYS`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeadlineNotice {
    pub id: String,
    pub label: String,
    pub exchange: String,
    /// The threshold crossed (14, 3 or 1).
    pub threshold: i64,
    pub deadline: Deadline,
}

/// `(key id, threshold, deadline date)` already notified: a new date (a rotated key, a
/// different report) warns again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notified(pub BTreeSet<(String, i64, DateTime<Utc>)>);

/// The notices due for `keys` (id, label, exchange, deadline), each threshold once: only the
/// tightest threshold crossed is shown (a key found 2 days before is warned once, at 3), and all
/// crossed ones are remembered.
pub fn notices(
    keys: &[(String, String, String, Deadline)],
    notified: &mut Notified,
) -> Vec<DeadlineNotice> {
    let mut out = Vec::new();
    for (id, label, exchange, deadline) in keys {
        if deadline.warning == DeadlineWarning::Expired {
            continue;
        }
        let crossed: Vec<i64> = WARN_DAYS
            .iter()
            .copied()
            .filter(|t| deadline.days < *t)
            .collect();
        let fresh: Vec<i64> = crossed
            .iter()
            .copied()
            .filter(|t| !notified.0.contains(&(id.clone(), *t, deadline.at)))
            .collect();
        if let Some(threshold) = fresh.iter().copied().min() {
            out.push(DeadlineNotice {
                id: id.clone(),
                label: label.clone(),
                exchange: exchange.clone(),
                threshold,
                deadline: deadline.clone(),
            });
        }
        for t in crossed {
            notified.0.insert((id.clone(), t, deadline.at));
        }
    }
    out
}

/// A notice's title and body for the desktop, in `lang`.
pub fn notice_text(notice: &DeadlineNotice, lang: &str) -> (String, String) {
    let c = coffre_catalog::catalog();
    let exchange = crate::views::exchange_name(&notice.exchange, None);
    let days = notice.deadline.days.max(0).to_string();
    let params = [
        ("label", notice.label.as_str()),
        ("exchange", exchange.as_str()),
        ("days", days.as_str()),
    ];
    let code = match notice.deadline.effect {
        DeadlineEffect::KeyExpires => "key_expires",
        DeadlineEffect::TradingRemoved => "trading_removed",
        DeadlineEffect::KeyDeleted => "key_deleted",
    };
    let mut body = c.deadline_sentence(code, lang, &params);
    if !notice.deadline.is_firm() {
        body.push(' ');
        body.push_str(&c.deadline_sentence("estimated", lang, &params));
    }
    (c.deadline_sentence("notice_title", lang, &[]), body)
}

/// One radar pass over the open vault: checks the keys that are due (saving each result) and
/// returns the results and the deadline notices now due.
pub async fn tick(
    session: &Session,
    radar: &mut Radar,
    notified: &mut Notified,
) -> CoreResult<(Vec<(String, CoreResult<CheckReport>)>, Vec<DeadlineNotice>)> {
    let records = session.with_vault(|v| Ok(v.list()?))?;
    let keys: Vec<RadarKey> = records
        .iter()
        .map(|r| RadarKey::of(&r.id, &r.meta))
        .filter(|k| checkable(&k.exchange))
        .collect();
    let ids = radar.take_due(&keys);
    let results = if ids.is_empty() {
        Vec::new()
    } else {
        checks::check_many(session, &ids, &checks::BaseUrlOverrides::new(), &|_| {}).await
    };
    let now = radar.now();
    let records = session.with_vault(|v| Ok(v.list()?))?;
    let deadlines: Vec<_> = records
        .iter()
        .filter_map(|r| {
            let d = deadline::of(&r.meta, now)?;
            Some((
                r.id.clone(),
                r.meta.label.clone(),
                r.meta.exchange.clone(),
                d,
            ))
        })
        .collect();
    Ok((results, notices(&deadlines, notified)))
}

/// Keys of exchanges Coffre cannot check live are never scheduled.
fn checkable(exchange: &str) -> bool {
    coffre_catalog::catalog()
        .exchange(exchange)
        .is_some_and(|e| e.live_check)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::DeadlineKind;
    use std::sync::Mutex;

    struct FakeClock(Mutex<DateTime<Utc>>);

    impl FakeClock {
        fn at(t: &str) -> Arc<FakeClock> {
            Arc::new(FakeClock(Mutex::new(t.parse().unwrap())))
        }
        fn advance(&self, d: Duration) {
            *self.0.lock().unwrap() += d;
        }
    }

    impl Clock for FakeClock {
        fn now(&self) -> DateTime<Utc> {
            *self.0.lock().unwrap()
        }
    }

    #[test]
    fn a_check_that_could_not_reach_the_exchange_waits_its_interval_like_any_other() {
        let clock = FakeClock::at("2026-12-01T10:00:00Z");
        let mut radar = Radar::new(clock.clone(), RadarPolicy::default());
        let mut meta = coffre_vault::KeyMeta::new("binance", "Binance main");
        let reached = coffre_model::CheckReport {
            exchange: "binance".into(),
            checked_at: "2026-11-20T10:00:00Z".parse().unwrap(),
            ok: true,
            balances: Vec::new(),
            permissions: Default::default(),
            diagnosis: None,
            clock_offset_ms: None,
            region: None,
            valuation: None,
        };
        meta.last_check = Some(reached.clone());
        meta.unreachable_check = Some(coffre_model::CheckReport {
            checked_at: clock.now() - Duration::minutes(5),
            ok: false,
            ..reached
        });
        let key = RadarKey::of("k1", &meta);
        assert_eq!(
            key.last_checked_at,
            Some(clock.now() - Duration::minutes(5))
        );
        assert!(radar.take_due(&[key]).is_empty(), "tried 5 minutes ago");
    }

    fn key(id: &str, exchange: &str, last: Option<DateTime<Utc>>) -> RadarKey {
        RadarKey {
            id: id.into(),
            exchange: exchange.into(),
            last_checked_at: last,
        }
    }

    #[test]
    fn due_keys_are_checked_and_fresh_ones_are_not() {
        let clock = FakeClock::at("2026-12-01T12:00:00Z");
        let now = clock.now();
        let mut radar = Radar::new(clock.clone(), RadarPolicy::default());
        let keys = [
            key("never", "binance", None),
            key("old", "okx", Some(now - Duration::days(2))),
            key("fresh", "okx", Some(now - Duration::hours(3))),
        ];
        assert_eq!(radar.take_due(&keys), vec!["never", "old"]);
        // A day later the fresh key is due too (its spread offset is under an hour).
        clock.advance(Duration::days(1));
        let keys = [key("fresh", "okx", Some(now - Duration::hours(3)))];
        assert_eq!(radar.take_due(&keys), vec!["fresh"]);
    }

    #[test]
    fn no_exchange_gets_more_checks_than_its_budget_per_window() {
        let clock = FakeClock::at("2026-12-01T12:00:00Z");
        let mut radar = Radar::new(clock.clone(), RadarPolicy::default());
        let mut keys: Vec<RadarKey> = (0..5)
            .map(|i| key(&format!("b{i}"), "binance", None))
            .collect();
        keys.push(key("k0", "kraken", None));
        let first = radar.take_due(&keys);
        assert_eq!(first.iter().filter(|id| id.starts_with('b')).count(), 2);
        assert!(first.contains(&"k0".to_owned()));
        // Within the same minute, nothing more for Binance.
        clock.advance(Duration::seconds(30));
        let pending: Vec<RadarKey> = keys
            .iter()
            .filter(|k| !first.contains(&k.id))
            .cloned()
            .collect();
        assert!(radar.take_due(&pending).is_empty());
        // Once the window has passed, two more.
        clock.advance(Duration::seconds(30));
        assert_eq!(radar.take_due(&pending).len(), 2);
    }

    #[test]
    fn keys_checked_together_are_spread_over_the_window() {
        let clock = FakeClock::at("2026-12-01T12:00:00Z");
        let radar = Radar::new(clock.clone(), RadarPolicy::default());
        let now = clock.now();
        let last = Some(now);
        let due: BTreeSet<DateTime<Utc>> = (0..20)
            .map(|i| {
                radar
                    .due_at(&key(&format!("key-{i}"), "okx", last))
                    .unwrap()
            })
            .collect();
        assert!(
            due.len() > 10,
            "20 keys fall on {} distinct times",
            due.len()
        );
        let day = now + Duration::days(1);
        assert!(due
            .iter()
            .all(|t| *t >= day && *t < day + Duration::hours(1)));
    }

    fn deadline_in(days: i64, at: DateTime<Utc>) -> Deadline {
        Deadline {
            at,
            kind: DeadlineKind::Reported,
            effect: DeadlineEffect::KeyExpires,
            days,
            warning: if days < 14 {
                DeadlineWarning::Soon
            } else {
                DeadlineWarning::None
            },
            rule: None,
            source: None,
            confirmed: true,
            counted_from: None,
        }
    }

    #[test]
    fn notices_read_in_the_users_language_and_say_when_estimated() {
        let at: DateTime<Utc> = "2026-12-20T00:00:00Z".parse().unwrap();
        let mut deadline = deadline_in(3, at);
        let notice = DeadlineNotice {
            id: "id".into(),
            label: "bot".into(),
            exchange: "bybit".into(),
            threshold: 3,
            deadline: deadline.clone(),
        };
        let (title, body) = notice_text(&notice, "fr");
        assert!(title.starts_with("Coffre"));
        assert!(
            body.contains("«\u{a0}bot\u{a0}» (Bybit)") && body.contains("dans 3 jours"),
            "{body}"
        );
        deadline.kind = DeadlineKind::Estimated;
        deadline.effect = DeadlineEffect::TradingRemoved;
        let (_, body) = notice_text(&DeadlineNotice { deadline, ..notice }, "en");
        assert!(
            body.contains("loses its trading permission in 3 days"),
            "{body}"
        );
        assert!(body.contains("estimated"), "{body}");
    }

    #[test]
    fn warnings_come_at_14_3_and_1_days_each_once() {
        let at: DateTime<Utc> = "2026-12-20T00:00:00Z".parse().unwrap();
        let mut notified = Notified::default();
        let one = |days| {
            vec![(
                "id".to_owned(),
                "bot".to_owned(),
                "bybit".to_owned(),
                deadline_in(days, at),
            )]
        };
        assert!(notices(&one(20), &mut notified).is_empty());
        let first = notices(&one(13), &mut notified);
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].threshold, 14);
        assert!(
            notices(&one(12), &mut notified).is_empty(),
            "14 is warned once"
        );
        // Found late (app closed for days): one notice, the tightest.
        assert_eq!(notices(&one(0), &mut notified)[0].threshold, 1);
        assert!(notices(&one(0), &mut notified).is_empty());
        // A new date (the key was renewed) warns again.
        let later = at + Duration::days(30);
        let renewed = vec![(
            "id".to_owned(),
            "bot".to_owned(),
            "bybit".to_owned(),
            deadline_in(2, later),
        )];
        assert_eq!(notices(&renewed, &mut notified)[0].threshold, 3);
    }
}
