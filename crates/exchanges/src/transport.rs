//! One HTTP exchange of bytes with an exchange: the signed request goes out, status, body,
//! `Retry-After` and the server's `Date` come back. Retries live in `checker`, not here.
//!
//! The request carries the API key, a signature and sometimes the passphrase, so nothing here
//! lets it go anywhere but the exchange: no redirect is followed (a 3xx is an answer, reported
//! with where it pointed), only https leaves the machine (plain http only to loopback, for
//! mocks), and a reply is read as a stream up to `MAX_REPLY_BYTES`.

use reqwest::header::{HeaderMap, DATE, LOCATION, RETRY_AFTER};
use std::time::Duration;

/// Connect timeout, then whole-request timeout: a trader waits seconds, not minutes.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub(crate) const TOTAL_TIMEOUT: Duration = Duration::from_secs(15);
/// The largest reply read: exchanges answer a balance or a key's permissions in kilobytes.
pub const MAX_REPLY_BYTES: usize = 1024 * 1024;

/// A request ready to send. Holds signed headers and, for OKX and Bitget, the passphrase in
/// clear, so it deliberately has no `Debug`.
pub(crate) struct SignedRequest {
    pub method: reqwest::Method,
    /// Path with its query string exactly as it was signed, e.g. `/api/v3/account?timestamp=1`.
    pub path_and_query: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Body>,
}

/// A request body with its content type.
pub(crate) enum Body {
    Json(String),
    Form(String),
}

impl SignedRequest {
    pub fn get(path_and_query: String) -> Self {
        SignedRequest {
            method: reqwest::Method::GET,
            path_and_query,
            headers: Vec::new(),
            body: None,
        }
    }

    pub fn post(path_and_query: String, body: Body) -> Self {
        SignedRequest {
            method: reqwest::Method::POST,
            path_and_query,
            headers: Vec::new(),
            body: Some(body),
        }
    }

    pub fn header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }
}

/// What came back.
pub(crate) struct Reply {
    pub status: u16,
    pub body: String,
    pub retry_after_s: Option<u64>,
    /// Local clock minus the server's `Date` header (second resolution), for exchanges without
    /// a time endpoint.
    pub date_offset_ms: Option<i64>,
}

/// Why nothing usable came back. Never includes the URL's query (it carries signatures).
#[derive(Debug, thiserror::Error)]
pub(crate) enum TransportError {
    #[error("could not reach the exchange: {0}")]
    Connect(String),
    #[error("the exchange did not answer in time")]
    Timeout,
    #[error("the base URL is not valid")]
    BadUrl,
    #[error("refused to send the key to {0} over plain http: only https leaves this computer")]
    Insecure(String),
    #[error("the exchange redirected the request to {0}; Coffre does not follow redirects, since the request carries the key")]
    Redirected(String),
    #[error("the exchange's reply was larger than 1 MiB; Coffre stopped reading it")]
    TooLarge,
}

impl TransportError {
    /// The code shown beside the diagnosis, for the failures Coffre itself refused.
    pub(crate) fn code(&self) -> Option<&'static str> {
        match self {
            TransportError::Insecure(_) => Some("insecure_url"),
            TransportError::Redirected(_) => Some("redirect"),
            TransportError::TooLarge => Some("reply_too_large"),
            _ => None,
        }
    }
}

/// Whether `host` is this machine (the mocks' and tests' only plain-http destination).
pub(crate) fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// `https://` to this machine: the only URLs a mock's TLS authority may vouch for.
fn is_loopback_https(base_url: &str) -> bool {
    reqwest::Url::parse(base_url).is_ok_and(|url| {
        url.scheme() == "https" && url.host().is_some_and(|host| is_loopback(&host))
    })
}

/// Only https, or http to loopback.
fn allowed(url: &reqwest::Url) -> Result<(), TransportError> {
    let host = url.host().ok_or(TransportError::BadUrl)?;
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&host) => Ok(()),
        "http" => Err(TransportError::Insecure(host.to_string())),
        _ => Err(TransportError::BadUrl),
    }
}

/// Where a redirect pointed, as scheme, host and port only (its path may carry a token).
fn location(headers: &HeaderMap, from: &reqwest::Url) -> String {
    let target = headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| from.join(v).ok());
    match target {
        Some(url) => {
            let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
            format!("{}://{}{port}", url.scheme(), url.host_str().unwrap_or("?"))
        }
        None => "an unnamed address".to_owned(),
    }
}

/// The body, read chunk by chunk and refused past the cap (a reply that never ends must not
/// fill the memory).
async fn capped_body(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<String, TransportError> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(describe)? {
        if body.len() + chunk.len() > cap {
            return Err(TransportError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

pub(crate) fn client() -> reqwest::Client {
    builder()
        .build()
        .expect("a rustls client with static settings builds")
}

fn builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(TOTAL_TIMEOUT)
        .user_agent(concat!("coffre/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        // No idle connection outlives its request: a kept-alive connection keeps its write
        // buffer, headers with the API key included, alive (and unwiped) after a lock.
        .pool_max_idle_per_host(0)
}

/// Why the certificate handed over by local mock exchanges was not trusted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoopbackAuthorityError {
    #[error("the mock exchanges' TLS authority is not a PEM certificate")]
    NotPem,
}

/// The HTTP clients of a checker: the one for every exchange (the built-in web roots only), and,
/// once local mock exchanges handed over their TLS authority (the demo, tests), one that trusts
/// that authority and nothing else, used for `https://` to this machine only. A real host is
/// never reached with the mock's authority trusted.
pub(crate) struct Clients {
    public: reqwest::Client,
    loopback: std::sync::RwLock<Option<reqwest::Client>>,
}

impl Clients {
    pub fn new() -> Clients {
        Clients {
            public: client(),
            loopback: std::sync::RwLock::new(None),
        }
    }

    /// Trusts `authority_pem` (replacing any authority trusted before) for loopback https.
    pub fn trust_loopback_authority(
        &self,
        authority_pem: &str,
    ) -> Result<(), LoopbackAuthorityError> {
        // A PEM with no certificate block would leave a client that trusts nothing: refuse it.
        let authorities = reqwest::Certificate::from_pem_bundle(authority_pem.as_bytes())
            .ok()
            .filter(|found| !found.is_empty())
            .ok_or(LoopbackAuthorityError::NotPem)?;
        let client = authorities
            .into_iter()
            .fold(builder().tls_built_in_root_certs(false), |b, authority| {
                b.add_root_certificate(authority)
            })
            .build()
            .map_err(|_| LoopbackAuthorityError::NotPem)?;
        *self.loopback.write().unwrap_or_else(|e| e.into_inner()) = Some(client);
        Ok(())
    }

    /// The client for requests to `base_url`.
    pub fn for_base(&self, base_url: &str) -> reqwest::Client {
        let loopback = self.loopback.read().unwrap_or_else(|e| e.into_inner());
        match (is_loopback_https(base_url), loopback.as_ref()) {
            (true, Some(client)) => client.clone(),
            _ => self.public.clone(),
        }
    }
}

pub(crate) async fn send(
    client: &reqwest::Client,
    base_url: &str,
    request: SignedRequest,
) -> Result<Reply, TransportError> {
    send_capped(client, base_url, request, MAX_REPLY_BYTES).await
}

/// [`send`] reading at most `cap` bytes of the reply (a public ticker lists every market).
pub(crate) async fn send_capped(
    client: &reqwest::Client,
    base_url: &str,
    request: SignedRequest,
    cap: usize,
) -> Result<Reply, TransportError> {
    let url = format!(
        "{}{}",
        base_url.trim_end_matches('/'),
        request.path_and_query
    );
    let url = reqwest::Url::parse(&url).map_err(|_| TransportError::BadUrl)?;
    allowed(&url)?;
    let mut builder = client.request(request.method, url.clone());
    for (name, value) in request.headers {
        builder = builder.header(name, value);
    }
    builder = match request.body {
        Some(Body::Json(body)) => builder
            .header("Content-Type", "application/json")
            .body(body),
        Some(Body::Form(body)) => builder
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body),
        None => builder,
    };
    let response = builder.send().await.map_err(describe)?;
    if response.status().is_redirection() {
        return Err(TransportError::Redirected(location(
            response.headers(),
            &url,
        )));
    }
    let status = response.status().as_u16();
    let retry_after_s = retry_after(response.headers());
    let date_offset_ms = server_date(response.headers()).map(|server| {
        // `Date` is truncated to the second: the server's true time is half a second later on average.
        chrono::Utc::now().timestamp_millis() - (server + 500)
    });
    let body = capped_body(response, cap).await?;
    Ok(Reply {
        status,
        body,
        retry_after_s,
        date_offset_ms,
    })
}

/// reqwest errors print the URL, which carries the signature; keep only the kind.
fn describe(error: reqwest::Error) -> TransportError {
    if error.is_timeout() {
        TransportError::Timeout
    } else if error.is_connect() {
        TransportError::Connect("connection refused or no route".to_owned())
    } else {
        TransportError::Connect("the connection failed".to_owned())
    }
}

fn retry_after(headers: &HeaderMap) -> Option<u64> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds);
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let seconds = (when.timestamp() - chrono::Utc::now().timestamp()).max(0);
    u64::try_from(seconds).ok()
}

fn server_date(headers: &HeaderMap) -> Option<i64> {
    let value = headers.get(DATE)?.to_str().ok()?;
    Some(
        chrono::DateTime::parse_from_rfc2822(value)
            .ok()?
            .timestamp_millis(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mock_authority_vouches_for_https_to_this_machine_only() {
        for mock in [
            "https://127.0.0.1:41234",
            "https://localhost:1",
            "https://[::1]:8443",
        ] {
            assert!(is_loopback_https(mock), "{mock}");
        }
        for other in [
            "https://api.coinbase.com",
            "https://127.0.0.1.nip.io:443",
            "https://localhost.example.com",
            "http://127.0.0.1:41234",
            "https://10.0.0.5",
            "not a url",
        ] {
            assert!(!is_loopback_https(other), "{other}");
        }
    }

    #[test]
    fn a_text_that_is_not_a_certificate_is_refused() {
        let clients = Clients::new();
        assert_eq!(
            clients.trust_loopback_authority(
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"
            ),
            Err(LoopbackAuthorityError::NotPem)
        );
    }
}
