//! How a failed request is retried: a few times after an outage or a rate limit (waiting what
//! the exchange asks, within reason), never after an auth refusal.

use std::time::Duration;

use coffre_model::DiagnosisKind;

/// How failed requests are retried. Auth refusals are never retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so at most `1 + max_retries` requests).
    pub max_retries: u32,
    /// First backoff when the exchange gives no `Retry-After`; doubles at each retry.
    pub base_delay: Duration,
    /// A `Retry-After` longer than this is reported instead of waited for.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(250),
            max_wait: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// How long to wait before retry number `attempt + 1` after a failure of this kind, or `None`
    /// to report it: never after an auth refusal, nor past the limit or `max_wait`.
    pub(crate) fn wait(&self, kind: &DiagnosisKind, attempt: u32) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        let backoff = self.base_delay.saturating_mul(2u32.saturating_pow(attempt));
        let wait = match kind {
            DiagnosisKind::RateLimited { retry_after_s } => {
                retry_after_s.map(Duration::from_secs).unwrap_or(backoff)
            }
            DiagnosisKind::ExchangeUnavailable | DiagnosisKind::NetworkError => backoff,
            _ => return None,
        };
        (wait <= self.max_wait).then_some(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_refusals_are_never_retried() {
        let retry = RetryPolicy::default();
        assert_eq!(retry.wait(&DiagnosisKind::BadSignature, 0), None);
        assert!(retry.wait(&DiagnosisKind::ExchangeUnavailable, 0).is_some());
    }

    #[test]
    fn retries_stop_after_the_limit_and_respect_retry_after() {
        let retry = RetryPolicy::default();
        let limited = DiagnosisKind::RateLimited {
            retry_after_s: Some(2),
        };
        assert_eq!(retry.wait(&limited, 0), Some(Duration::from_secs(2)));
        assert_eq!(retry.wait(&limited, 2), None);
        let too_long = DiagnosisKind::RateLimited {
            retry_after_s: Some(60),
        };
        assert_eq!(retry.wait(&too_long, 0), None);
    }
}
