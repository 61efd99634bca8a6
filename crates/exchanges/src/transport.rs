//! One HTTP exchange of bytes with an exchange: the signed request goes out, status, body,
//! `Retry-After` and the server's `Date` come back. Retries live in `checker`, not here.

use reqwest::header::{HeaderMap, DATE, RETRY_AFTER};
use std::time::Duration;

/// Connect timeout, then whole-request timeout: a trader waits seconds, not minutes.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub(crate) const TOTAL_TIMEOUT: Duration = Duration::from_secs(15);

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
}

pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(TOTAL_TIMEOUT)
        .user_agent(concat!("coffre/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("a rustls client with static settings builds")
}

pub(crate) async fn send(
    client: &reqwest::Client,
    base_url: &str,
    request: SignedRequest,
) -> Result<Reply, TransportError> {
    let url = format!(
        "{}{}",
        base_url.trim_end_matches('/'),
        request.path_and_query
    );
    let url = reqwest::Url::parse(&url).map_err(|_| TransportError::BadUrl)?;
    let mut builder = client.request(request.method, url);
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
    let status = response.status().as_u16();
    let retry_after_s = retry_after(response.headers());
    let date_offset_ms = server_date(response.headers()).map(|server| {
        // `Date` is truncated to the second: the server's true time is half a second later on average.
        chrono::Utc::now().timestamp_millis() - (server + 500)
    });
    let body = response.text().await.map_err(describe)?;
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
