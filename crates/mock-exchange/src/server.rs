//! Starting and stopping the mock servers (one 127.0.0.1 port per exchange), and the request path
//! they share: latency, key lookup, faults, signature verification, IP and expiry checks.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use chrono::Utc;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::account::{Fault, MockAccount};
use crate::registry::MockExchange;
use crate::tls::Tls;
use crate::verify::{self, Rejection};
use crate::MOCKS;

/// Settings that apply to every mock exchange.
#[derive(Clone, Debug, Default)]
pub struct MockOptions {
    /// Delay added before every response; concurrent requests wait side by side.
    pub latency: Duration,
}

/// The running servers. Dropping it stops them too; `shutdown` also waits until they have stopped.
pub struct MockHandle {
    urls: BTreeMap<String, String>,
    tls_authority_pem: String,
    venues: BTreeMap<String, Arc<Venue>>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl MockHandle {
    /// Exchange id → base URL (`http://127.0.0.1:PORT`, or `https://` for the mocks served over
    /// TLS; no path: clients append documented paths).
    pub fn urls(&self) -> &BTreeMap<String, String> {
        &self.urls
    }

    pub fn url(&self, exchange: &str) -> Option<&str> {
        self.urls.get(exchange).map(String::as_str)
    }

    /// The PEM certificate of the authority, made at start and gone with these servers, that
    /// signed the `https://` mocks' certificate: trust it for loopback addresses only.
    pub fn tls_authority_pem(&self) -> &str {
        &self.tls_authority_pem
    }

    /// The most requests this exchange has held at once (waiting out the latency or being
    /// answered) since it started: proof that slow responses overlap instead of queueing.
    pub fn peak_in_flight(&self, exchange: &str) -> usize {
        self.venues
            .get(exchange)
            .map_or(0, |v| v.in_flight.peak.load(Ordering::SeqCst))
    }

    /// How many requests for `path` (no query) this exchange has received since it started.
    pub fn requests(&self, exchange: &str, path: &str) -> usize {
        self.venues.get(exchange).map_or(0, |v| {
            let counts = v.requests.lock().unwrap_or_else(|e| e.into_inner());
            counts.get(path).copied().unwrap_or(0)
        })
    }

    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        for task in std::mem::take(&mut self.tasks) {
            let _ = task.await;
        }
    }
}

impl Drop for MockHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Starts one server per mocked exchange (even those without accounts) on 127.0.0.1:0.
pub async fn start(accounts: Vec<MockAccount>, opts: MockOptions) -> io::Result<MockHandle> {
    for account in &accounts {
        account
            .validate()
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    }
    let (stop, stopped) = watch::channel(false);
    let tls = Arc::new(Tls::generate()?);
    let mut urls = BTreeMap::new();
    let mut venues = BTreeMap::new();
    let mut tasks = Vec::new();
    for mock in MOCKS {
        let exchange = mock.id;
        let mine: Vec<MockAccount> = accounts
            .iter()
            .filter(|a| a.exchange == exchange)
            .cloned()
            .collect();
        let venue = Arc::new(Venue::new(mock, mine, opts.latency)?);
        let listener = tokio::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let scheme = if mock.https { "https" } else { "http" };
        urls.insert(exchange.to_owned(), format!("{scheme}://{addr}"));
        venues.insert(exchange.to_owned(), Arc::clone(&venue));
        let app = axum::Router::new()
            .fallback(serve_request)
            .with_state(venue);
        let mut stopped = stopped.clone();
        if mock.https {
            let tls = Arc::clone(&tls);
            tasks.push(tokio::spawn(async move {
                tls.serve(listener, app, stopped).await;
            }));
            continue;
        }
        let app = app.into_make_service_with_connect_info::<SocketAddr>();
        tasks.push(tokio::spawn(async move {
            let until_stopped = async move {
                let _ = stopped.wait_for(|s| *s).await;
            };
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(until_stopped)
                .await;
        }));
    }
    Ok(MockHandle {
        urls,
        tls_authority_pem: tls.authority_pem.clone(),
        venues,
        stop,
        tasks,
    })
}

/// One exchange's accounts and the state its verifier needs between requests.
pub(crate) struct Venue {
    pub exchange: &'static str,
    mock: &'static MockExchange,
    accounts: HashMap<String, MockAccount>,
    /// Last accepted nonce per api key, for exchanges that require them to rise.
    nonces: Mutex<HashMap<String, u64>>,
    latency: Duration,
    in_flight: InFlight,
    /// Requests received per path, for tests that count them.
    requests: Mutex<HashMap<String, usize>>,
}

/// Counts the requests being served right now and the highest count seen.
#[derive(Default)]
struct InFlight {
    now: AtomicUsize,
    peak: AtomicUsize,
}

impl InFlight {
    fn enter(&self) -> InFlightGuard<'_> {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        InFlightGuard(self)
    }
}

/// Leaves the count when the request is answered (or its future dropped by a disconnect).
struct InFlightGuard<'a>(&'a InFlight);

impl Drop for InFlightGuard<'_> {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A request in the form venues read it.
pub(crate) struct Incoming {
    pub method: Method,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub peer: IpAddr,
}

impl Incoming {
    pub fn parts(&self) -> verify::Request<'_> {
        verify::Request {
            method: self.method.as_str(),
            path: &self.path,
            query: self.query.as_deref(),
            headers: &self.headers,
            body: &self.body,
        }
    }
}

/// Why an authenticated call was turned away, before any endpoint logic ran.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// No key presented where the exchange expects one.
    MissingKey,
    UnknownKey,
    Rejected(Rejection),
    IpNotAllowed(IpAddr),
    Expired,
    RateLimited,
    Unavailable,
}

impl Venue {
    fn new(
        mock: &'static MockExchange,
        accounts: Vec<MockAccount>,
        latency: Duration,
    ) -> io::Result<Venue> {
        let mut by_key = HashMap::new();
        for account in accounts {
            let key = account.api_key.clone();
            if by_key.insert(key, account).is_some() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("duplicate {} api key", mock.id),
                ));
            }
        }
        Ok(Venue {
            exchange: mock.id,
            mock,
            accounts: by_key,
            nonces: Mutex::new(HashMap::new()),
            latency,
            in_flight: InFlight::default(),
            requests: Mutex::new(HashMap::new()),
        })
    }

    /// The skew of this exchange's clock: an account with `clock_skew_ms:N` shifts it by N ms.
    fn skew_ms(&self) -> i64 {
        self.accounts
            .values()
            .map(MockAccount::clock_skew_ms)
            .find(|ms| *ms != 0)
            .unwrap_or(0)
    }

    /// Whether an account of this exchange turns its public ticker down (`ticker_unavailable`).
    pub fn ticker_down(&self) -> bool {
        self.accounts
            .values()
            .any(|a| a.fault == Some(Fault::TickerUnavailable))
    }

    /// The time this exchange reports on its time endpoint (shifted by a clock-skew fault).
    pub fn now_ms(&self) -> i64 {
        Utc::now().timestamp_millis() + self.skew_ms()
    }

    /// Runs every check that precedes the endpoint itself and returns the calling account.
    pub fn authenticate(&self, req: &Incoming) -> Result<&MockAccount, Refusal> {
        let parts = req.parts();
        let key = verify::api_key(self.exchange, &parts).ok_or(Refusal::MissingKey)?;
        let account = self.accounts.get(&key).ok_or(Refusal::UnknownKey)?;
        match account.fault {
            Some(Fault::Unavailable) => return Err(Refusal::Unavailable),
            Some(Fault::RateLimited) => return Err(Refusal::RateLimited),
            _ => {}
        }
        let creds = verify::Credentials {
            api_key: &account.api_key,
            secret: &account.secret,
            passphrase: account.passphrase.as_deref(),
            key_type: account.key_type_or_default(),
        };
        let real_now = Utc::now().timestamp_millis();
        // The nonce lock spans verify + record so two concurrent requests can't both use one nonce.
        let mut nonces = self.nonces.lock().unwrap_or_else(|e| e.into_inner());
        let mut ctx = verify::Context {
            now_ms: real_now + account.clock_skew_ms(),
            last_nonce: nonces.get(&key).copied(),
        };
        let mut outcome = verify::verify(self.exchange, &parts, &creds, &ctx);
        // A healthy key on an exchange whose clock a sibling account skews takes either clock,
        // so a client that synced to the time endpoint and one that didn't both get through.
        if matches!(&outcome, Err(r) if r.is_timestamp())
            && account.clock_skew_ms() == 0
            && self.skew_ms() != 0
        {
            ctx.now_ms = real_now + self.skew_ms();
            outcome = verify::verify(self.exchange, &parts, &creds, &ctx);
        }
        let accepted = outcome.map_err(Refusal::Rejected)?;
        if let Some(nonce) = accepted.nonce {
            let last = nonces.entry(key).or_insert(nonce);
            *last = (*last).max(nonce);
        }
        drop(nonces);

        let allowed = account.allowed_ips_or_default();
        let peer_allowed =
            allowed.is_empty() || allowed.iter().any(|ip| ip.parse() == Ok(req.peer));
        if account.fault == Some(Fault::IpNotWhitelisted) || !peer_allowed {
            return Err(Refusal::IpNotAllowed(req.peer));
        }
        let lapsed = account.expires_at.is_some_and(|at| at <= Utc::now());
        if account.fault == Some(Fault::Expired) || lapsed {
            return Err(Refusal::Expired);
        }
        Ok(account)
    }
}

async fn serve_request(
    State(venue): State<Arc<Venue>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let _counted = venue.in_flight.enter();
    *venue
        .requests
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(uri.path().to_owned())
        .or_default() += 1;
    if !venue.latency.is_zero() {
        tokio::time::sleep(venue.latency).await;
    }
    let req = Incoming {
        method,
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        headers,
        body,
        peer: peer.ip(),
    };
    let resp = (venue.mock.handle)(&venue, &req);
    if resp.status() == axum::http::StatusCode::NOT_FOUND {
        // What a third-party client asked for that the mock does not serve; the query is left out
        // because it carries signatures.
        eprintln!(
            "coffre-mock-exchange: {} has no {} {}",
            venue.exchange, req.method, req.path
        );
    }
    resp
}
