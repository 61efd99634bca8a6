//! Reading the timestamps of a meta part: each record's `created_at` and `updated_at` are parsed
//! at every unlock, so how they are parsed shows at ten thousand records.
//!
//! chrono's `Deserialize` uses its relaxed RFC 3339 parser, a third of the time it takes to decode
//! a meta part; its strict `parse_from_rfc3339` reads what chrono writes several times faster.
//! Whatever the strict parser refuses goes to the relaxed one, which accepts a superset of it with
//! the same values (same fields, same fraction and offset scanners), so the result, value or error,
//! is the one chrono's `Deserialize` gives.

use std::fmt;

use chrono::{DateTime, FixedOffset, Utc};
use serde::de::{self, Deserializer, Visitor};

/// `#[serde(deserialize_with)]` for a `DateTime<Utc>`.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    d.deserialize_str(Rfc3339)
}

/// The text form, as chrono's own visitor reads it.
fn parse(value: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(value)
        .or_else(|_| value.parse::<DateTime<FixedOffset>>())
        .map(|dt| dt.with_timezone(&Utc))
}

struct Rfc3339;

impl Visitor<'_> for Rfc3339 {
    type Value = DateTime<Utc>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        // chrono's words, so a type error reads as it did.
        formatter.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        parse(value).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What chrono's `Deserialize` gives for the JSON string `value`.
    fn chrono_reads(json: &str) -> Result<DateTime<Utc>, String> {
        serde_json::from_str::<DateTime<Utc>>(json).map_err(|e| e.to_string())
    }

    fn ours_reads(json: &str) -> Result<DateTime<Utc>, String> {
        let mut de = serde_json::Deserializer::from_str(json);
        deserialize(&mut de).map_err(|e| e.to_string())
    }

    #[test]
    fn what_chrono_writes_reads_back_the_same() {
        let now = Utc::now();
        for dt in [now, now + chrono::Duration::nanoseconds(1)] {
            for format in [
                chrono::SecondsFormat::AutoSi,
                chrono::SecondsFormat::Secs,
                chrono::SecondsFormat::Nanos,
            ] {
                let json = serde_json::to_string(&dt.to_rfc3339_opts(format, true)).unwrap();
                assert_eq!(ours_reads(&json), chrono_reads(&json), "{json}");
            }
            let json = serde_json::to_string(&dt).unwrap();
            assert_eq!(ours_reads(&json), Ok(dt));
        }
    }

    #[test]
    fn non_strings_fail_with_chrono_s_message() {
        for json in ["5", "null", "[]", "{}", "true"] {
            assert_eq!(ours_reads(json), chrono_reads(json), "{json}");
            assert!(ours_reads(json).is_err());
        }
    }

    /// Text near the RFC 3339 shape: each part either valid or a little off (lengths, ranges,
    /// leap seconds, separators, case, fractions of any length, offsets, blanks, `UTC`).
    fn near_rfc3339() -> impl Strategy<Value = String> {
        let digits = |n: std::ops::RangeInclusive<usize>| {
            prop::collection::vec(prop::char::range('0', '9'), n)
                .prop_map(|v| v.into_iter().collect::<String>())
        };
        (
            prop_oneof![digits(4..=4), digits(1..=6), Just("+12345".to_string())],
            prop_oneof![Just("-"), Just("/"), Just(" -")],
            prop_oneof![(0u32..=13).prop_map(|m| format!("{m:02}")), digits(1..=3)],
            (0u32..=32).prop_map(|d| format!("{d:02}")),
            prop_oneof![Just("T"), Just("t"), Just(" "), Just("  "), Just("x")],
            (0u32..=24, 0u32..=60, 0u32..=61).prop_map(|(h, m, s)| format!("{h:02}:{m:02}:{s:02}")),
            prop_oneof![
                Just(String::new()),
                digits(0..=12).prop_map(|f| format!(".{f}"))
            ],
            prop_oneof![
                Just("Z".to_string()),
                Just("z".to_string()),
                Just(String::new()),
                Just(" UTC".to_string()),
                Just("Z ".to_string()),
                (0u32..=25, 0u32..=60, any::<bool>()).prop_map(|(h, m, plus)| format!(
                    "{}{h:02}:{m:02}",
                    if plus { '+' } else { '-' }
                )),
                (0u32..=25, 0u32..=60).prop_map(|(h, m)| format!("+{h:02}{m:02}")),
            ],
        )
            .prop_map(|(y, sep, mo, d, t, hms, frac, tz)| {
                format!("{y}{sep}{mo}-{d}{t}{hms}{frac}{tz}")
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn reads_exactly_what_chrono_reads(text in near_rfc3339()) {
            let json = serde_json::to_string(&text).unwrap();
            prop_assert_eq!(ours_reads(&json), chrono_reads(&json), "{}", text);
        }

        #[test]
        fn reads_every_instant_chrono_writes(secs in -62_135_596_800i64..253_402_300_799, nanos in 0u32..2_000_000_000) {
            if let Some(dt) = DateTime::<Utc>::from_timestamp(secs, nanos) {
                let json = serde_json::to_string(&dt).unwrap();
                prop_assert_eq!(ours_reads(&json), Ok(dt));
            }
        }
    }
}
