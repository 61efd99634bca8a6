//! The live check: time probe, balance and key-permission requests (concurrently where the
//! exchange allows), bounded retries on rate limits and outages, and one `CheckReport` out.
//! Every failure becomes a `Diagnosis`; nothing here panics on an exchange's answer.

mod outcome;
mod retry;

pub(crate) use outcome::Failure;
use outcome::{diagnosis, empty_report, unsupported};
pub use retry::RetryPolicy;

use crate::prices::{self, PriceBook, PriceCell};
use crate::refusal::Refusal;
use crate::registry;
use crate::sign::SignError;
use crate::transport::{
    self, Clients, LoopbackAuthorityError, Reply, SignedRequest, TransportError,
};
use crate::venue::{SignContext, Venue};
use coffre_catalog::Exchange;
use coffre_model::{Balance, CheckReport, Credentials, DiagnosisKind, Permissions};
use rand::RngCore as _;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Checks per exchange at once: polite to rate limits, enough for a vault of a few dozen keys.
pub const DEFAULT_PER_EXCHANGE_CONCURRENCY: usize = 8;

/// Runs live checks. Cheap to share by reference; one HTTP connection pool for all exchanges.
pub struct Checker {
    clients: Clients,
    base_urls: HashMap<String, String>,
    /// A regional host (as the catalog writes it) → where its requests go instead (a mock).
    region_urls: HashMap<String, String>,
    retry: RetryPolicy,
    limits: HashMap<&'static str, Arc<Semaphore>>,
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new()
    }
}

impl Checker {
    pub fn new() -> Checker {
        Checker {
            clients: Clients::new(),
            base_urls: HashMap::new(),
            region_urls: HashMap::new(),
            retry: RetryPolicy::default(),
            limits: limits(DEFAULT_PER_EXCHANGE_CONCURRENCY),
        }
    }

    /// Sends `exchange`'s requests to `url` (scheme + host + port, no path): a testnet or a mock.
    pub fn with_base_url(mut self, exchange: &str, url: &str) -> Checker {
        self.base_urls.insert(exchange.to_owned(), url.to_owned());
        self
    }

    /// Sends requests meant for the catalog's regional host `region` (`https://eea.okx.com`) to
    /// `url`: a mock standing for that region in tests.
    pub fn with_region_url(mut self, region: &str, url: &str) -> Checker {
        self.region_urls.insert(region.to_owned(), url.to_owned());
        self
    }

    /// Where a check of `exchange` on the catalog's regional host `region` goes, if anywhere: its
    /// redirect when one is set; `None` when the exchange itself is redirected (a mock or testnet
    /// must never lead a check out to a real regional host); the host itself otherwise.
    pub fn region_base(&self, exchange: &str, region: &str) -> Option<String> {
        match self.region_urls.get(region) {
            Some(url) => Some(url.clone()),
            None if self.base_urls.contains_key(exchange) => None,
            None => Some(region.to_owned()),
        }
    }

    /// Trusts the TLS authority that local mock exchanges handed over (the demo, tests), for
    /// `https://` base URLs on this machine only; real hosts keep the built-in roots alone.
    pub fn with_loopback_tls_authority(self, pem: &str) -> Result<Checker, LoopbackAuthorityError> {
        self.trust_loopback_tls_authority(pem)?;
        Ok(self)
    }

    /// [`Checker::with_loopback_tls_authority`] on a shared checker (a demo starting its mocks).
    pub fn trust_loopback_tls_authority(&self, pem: &str) -> Result<(), LoopbackAuthorityError> {
        self.clients.trust_loopback_authority(pem)
    }

    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Checker {
        self.retry = retry;
        self
    }

    /// How many checks of one exchange may run at the same time (at least one).
    pub fn with_per_exchange_concurrency(mut self, limit: usize) -> Checker {
        self.limits = limits(limit.max(1));
        self
    }

    /// Checks one key. `base_url` (e.g. a key's stored testnet URL) wins over `with_base_url`.
    /// Never panics; every failure is a `Diagnosis` in the report.
    pub async fn check(
        &self,
        exchange: &str,
        creds: &Credentials,
        base_url: Option<&str>,
    ) -> CheckReport {
        self.check_sharing(exchange, creds, base_url, &PriceBook::default())
            .await
    }

    /// Checks many keys concurrently, at most the per-exchange limit per exchange at a time.
    /// Items are `(your id, exchange, credentials, base URL override)`; results keep their order.
    /// Each exchange's public ticker is read once and shared by all its keys.
    pub async fn check_many(
        &self,
        items: Vec<(String, String, Credentials, Option<String>)>,
    ) -> Vec<(String, CheckReport)> {
        let book = PriceBook::default();
        let book = &book;
        let checks = items
            .into_iter()
            .map(|(id, exchange, creds, base_url)| async move {
                let report = self
                    .check_sharing(&exchange, &creds, base_url.as_deref(), book)
                    .await;
                (id, report)
            });
        futures_util::future::join_all(checks).await
    }

    async fn check_sharing(
        &self,
        exchange: &str,
        creds: &Credentials,
        base_url: Option<&str>,
        book: &PriceBook,
    ) -> CheckReport {
        let Some((venue, facts)) = registry::lookup(exchange) else {
            return unsupported(exchange);
        };
        let _permit = match self.limits.get(venue.id()) {
            Some(limit) => limit.acquire().await.ok(),
            None => None,
        };
        let base = base_url
            .or(self.base_urls.get(exchange).map(String::as_str))
            .or(facts.base_url.as_deref())
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_owned();
        // A key saved with a regional host goes where that region is redirected (a mock).
        let base = self.region_urls.get(&base).cloned().unwrap_or(base);
        let prices = book.cell(venue.id(), &base);
        self.check_with(venue, facts, creds, &base, &prices).await
    }

    async fn check_with(
        &self,
        venue: &dyn Venue,
        facts: &Exchange,
        creds: &Credentials,
        base: &str,
        prices: &PriceCell,
    ) -> CheckReport {
        let mut report = empty_report(venue.id());
        if facts.needs_passphrase() && creds.passphrase.as_ref().is_none_or(|p| p.is_empty()) {
            report.diagnosis = Some(diagnosis(
                venue,
                Refusal {
                    kind: DiagnosisKind::WrongPassphrase,
                    code: None,
                    message: Some("no passphrase was given".to_owned()),
                },
            ));
            return report;
        }
        let host = host_of(base);
        let client = self.clients.for_base(base);
        let probe = clock_offset(&client, venue, base);
        let balance = self.balance_pages(venue, base, &host, creds);
        let permissions = async {
            if !facts.reports_permissions {
                return None;
            }
            Some(
                self.call(venue, base, &host, |ctx| {
                    venue.permissions_request(creds, ctx)
                })
                .await,
            )
        };
        let spacing = venue.request_spacing();
        let permissions = async {
            if !spacing.is_zero() {
                tokio::time::sleep(spacing).await;
            }
            permissions.await
        };
        let quote = facts.quote_currency.as_deref();
        // Alongside the signed requests, never after them: reading prices costs no extra wait.
        let ticker = async {
            let quote = quote?;
            prices
                .get_or_init(|| async {
                    prices::read(&client, venue, base, quote)
                        .await
                        .map(Arc::new)
                })
                .await
                .clone()
        };
        let (offset, ticker, (balance, permissions)) =
            tokio::join!(probe, ticker, async { tokio::join!(balance, permissions) });
        // No time endpoint: fall back on the HTTP `Date` header of the signed reply.
        let date_offset_ms = match &balance {
            Ok(pages) => pages.first().and_then(|reply| reply.date_offset_ms),
            Err(failure) => failure.date_offset_ms,
        };
        report.clock_offset_ms = offset.or(date_offset_ms);
        let permissions = permissions.map(|result| {
            result.and_then(|reply| {
                venue
                    .parse_permissions(&reply.body, creds)
                    .map_err(Failure::unexpected)
            })
        });
        match &permissions {
            Some(Ok(parsed)) => report.permissions = parsed.clone(),
            Some(Err(_)) | None => report.permissions = Permissions::default(),
        }
        let balances: Result<Vec<Balance>, Failure> = balance.and_then(|pages| {
            let mut balances = Vec::new();
            for reply in &pages {
                balances.extend(
                    venue
                        .parse_balances(&reply.body)
                        .map_err(Failure::unexpected)?,
                );
            }
            Ok(balances)
        });
        let failure = match balances {
            Ok(balances) => {
                report.ok = true;
                report.valuation =
                    quote.map(|quote| prices::value(&balances, quote, ticker.as_deref()));
                report.balances = balances;
                permissions.and_then(Result::err)
            }
            Err(failure) => {
                let permissions_ok = matches!(permissions, Some(Ok(_)));
                Some(Failure {
                    refusal: venue.refine(failure.refusal, permissions_ok),
                    ..failure
                })
            }
        };
        if let Some(failure) = failure {
            let refusal = self.explain_timing(venue, failure.refusal, report.clock_offset_ms);
            report.diagnosis = Some(diagnosis(venue, refusal));
        }
        report
    }

    /// A refused timestamp carries the measured offset; a refused key or signature while the
    /// clock is far off is most likely the clock's fault.
    fn explain_timing(&self, venue: &dyn Venue, refusal: Refusal, offset: Option<i64>) -> Refusal {
        match (&refusal.kind, offset) {
            (DiagnosisKind::ClockSkew { .. }, Some(offset_ms)) => Refusal {
                kind: DiagnosisKind::ClockSkew { offset_ms },
                ..refusal
            },
            (DiagnosisKind::InvalidKey | DiagnosisKind::BadSignature, Some(offset_ms))
                if offset_ms.abs() > venue.clock_tolerance_ms() =>
            {
                Refusal {
                    kind: DiagnosisKind::ClockSkew { offset_ms },
                    ..refusal
                }
            }
            _ => refusal,
        }
    }

    fn context(&self, host: &str) -> SignContext {
        let now_ms = chrono::Utc::now().timestamp_millis();
        let mut random = [0u8; 8];
        rand::thread_rng().fill_bytes(&mut random);
        SignContext {
            now_ms,
            nonce: next_nonce(now_ms),
            host: host.to_owned(),
            random: hex::encode(random),
        }
    }

    /// One signed request with bounded retries; re-signed at every attempt (fresh timestamp).
    pub(crate) async fn call<F>(
        &self,
        venue: &dyn Venue,
        base: &str,
        host: &str,
        build: F,
    ) -> Result<Reply, Failure>
    where
        F: Fn(&SignContext) -> Result<SignedRequest, SignError>,
    {
        let mut attempt = 0;
        let mut resent = false;
        loop {
            let request = build(&self.context(host)).map_err(Failure::unsigned)?;
            let failure = match transport::send(&self.clients.for_base(base), base, request).await {
                Ok(reply) => match venue.refusal(&reply) {
                    None => return Ok(reply),
                    Some(refusal) => Failure {
                        refusal,
                        date_offset_ms: reply.date_offset_ms,
                    },
                },
                Err(error) => {
                    let refused_here = error.code().is_some();
                    let failure = Failure {
                        refusal: Refusal {
                            kind: match error {
                                TransportError::TooLarge => DiagnosisKind::ExchangeUnavailable,
                                _ => DiagnosisKind::NetworkError,
                            },
                            code: error.code().map(str::to_owned),
                            message: Some(error.to_string()),
                        },
                        date_offset_ms: None,
                    };
                    // Coffre's own refusals (plain http, a redirect, an endless reply) would
                    // only repeat.
                    if refused_here {
                        return Err(failure);
                    }
                    failure
                }
            };
            if !resent && venue.resend_fixes(&failure.refusal) {
                resent = true;
                continue;
            }
            let Some(wait) = self.retry.wait(&failure.refusal.kind, attempt) else {
                return Err(failure);
            };
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }
}

async fn clock_offset(client: &reqwest::Client, venue: &dyn Venue, base: &str) -> Option<i64> {
    crate::clock::offset_ms(client, venue, base).await
}

fn limits(per_exchange: usize) -> HashMap<&'static str, Arc<Semaphore>> {
    registry::venues()
        .iter()
        .map(|v| (v.id(), Arc::new(Semaphore::new(per_exchange))))
        .collect()
}

/// `host[:port]` of a base URL, as a client sends it in `Host`.
fn host_of(base: &str) -> String {
    match reqwest::Url::parse(base) {
        Ok(url) => match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            _ => String::new(),
        },
        Err(_) => String::new(),
    }
}

/// Strictly increasing across the process, close to the clock in ms: Kraken and WhiteBIT refuse a
/// nonce that is not larger than the last one, and two checks may start in the same millisecond.
fn next_nonce(now_ms: i64) -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    let now = u64::try_from(now_ms).unwrap_or(0);
    let previous = LAST
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| {
            Some(now.max(last + 1))
        })
        .unwrap_or(0);
    now.max(previous + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_strictly_increase_even_within_one_millisecond() {
        let a = next_nonce(1_700_000_000_000);
        let b = next_nonce(1_700_000_000_000);
        assert!(b > a);
    }

    #[test]
    fn host_keeps_the_port_for_mocks() {
        assert_eq!(host_of("http://127.0.0.1:41234"), "127.0.0.1:41234");
        assert_eq!(host_of("https://api.coinbase.com"), "api.coinbase.com");
    }

    #[test]
    fn a_redirected_exchange_never_reaches_a_real_regional_host() {
        let eea = "https://eea.okx.com";
        assert_eq!(Checker::new().region_base("okx", eea).as_deref(), Some(eea));
        let mocked = Checker::new().with_base_url("okx", "http://127.0.0.1:1");
        assert_eq!(mocked.region_base("okx", eea), None);
        let both = mocked.with_region_url(eea, "http://127.0.0.1:2");
        assert_eq!(
            both.region_base("okx", eea).as_deref(),
            Some("http://127.0.0.1:2")
        );
    }
}
