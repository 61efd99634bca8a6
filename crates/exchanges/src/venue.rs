//! What one exchange's client is: the `Venue` trait the checker drives (requests for balances, key
//! permissions and server time, and how to read the answers), and what signing a request needs.

use crate::parse::ParseError;
use crate::prices::Prices;
use crate::refusal::Refusal;
use crate::sign::SignError;
use crate::transport::{Reply, SignedRequest};
use coffre_model::{Balance, Credentials, Permissions};
use std::time::Duration;

/// What a signer needs besides the credentials; produced fresh for every attempt.
pub(crate) struct SignContext {
    /// Local wall clock, ms since the epoch.
    pub now_ms: i64,
    /// Strictly increasing per process; Kraken and WhiteBIT refuse a repeated nonce.
    pub nonce: u64,
    /// `host[:port]` of the base URL, for Coinbase's `uri` claim.
    pub host: String,
    /// Random text for Coinbase's JWT header.
    pub random: String,
}

/// The per-exchange half of a check: code only. The facts that are data (production base URL,
/// whether the key's permissions are reported, whether a passphrase is needed) are the catalog's.
pub(crate) trait Venue: Sync {
    /// The ccxt id, as in the catalog's `exchanges.toml`.
    fn id(&self) -> &'static str;
    /// Display name for sentences.
    fn name(&self) -> &'static str;
    /// Unauthenticated server-time endpoint, when the exchange has one.
    fn time_path(&self) -> Option<&'static str>;
    fn parse_server_time_ms(&self, body: &str) -> Result<i64, ParseError>;
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError>;
    /// Where the page of balances after `body` starts, when the exchange pages them and `body`
    /// says another page follows (Coinbase's `has_next` and `cursor`); `None` after the last.
    fn next_balance_page(&self, _body: &str) -> Result<Option<String>, ParseError> {
        Ok(None)
    }
    /// The balance request for the page that starts at `cursor` (from `next_balance_page`).
    fn balance_page_request(
        &self,
        _creds: &Credentials,
        _ctx: &SignContext,
        _cursor: &str,
    ) -> Result<SignedRequest, SignError> {
        Err(SignError::NotOffered)
    }
    /// Only called when the catalog says the exchange reports the key's permissions; the others
    /// answer `SignError::NotOffered`.
    fn permissions_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError>;
    /// How far the clock may drift before the exchange refuses a timestamp, in ms.
    fn clock_tolerance_ms(&self) -> i64 {
        5000
    }
    /// Sharpens a balance refusal with what the permission request showed (Binance's `-2015`).
    fn refine(&self, balance: Refusal, _permissions_readable: bool) -> Refusal {
        balance
    }
    /// How long the permission request waits after the balance request leaves. Kraken refuses a
    /// nonce that arrives after a larger one, so its second request leaves a moment later rather
    /// than together (and not after the first reply: that would cost a whole round trip).
    fn request_spacing(&self) -> Duration {
        Duration::ZERO
    }
    /// A refusal that one freshly signed resend fixes: our own other request overtook this one.
    fn resend_fixes(&self, _refusal: &Refusal) -> bool {
        false
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError>;
    /// Unsigned path (and query) of the exchange's public all-tickers endpoint.
    fn ticker_path(&self) -> &'static str;
    /// The last price of each base asset quoted in `quote`, named as `parse_balances` names it.
    fn parse_prices(&self, body: &str, quote: &str) -> Result<Prices, ParseError>;
    fn parse_permissions(&self, body: &str, creds: &Credentials)
        -> Result<Permissions, ParseError>;
    /// `None` when the reply is a success; otherwise the exchange's refusal, classified.
    fn refusal(&self, reply: &Reply) -> Option<Refusal>;
}

/// The passphrase the user pasted, or "" (the exchange then answers "wrong passphrase").
pub(crate) fn passphrase(creds: &Credentials) -> &str {
    creds
        .passphrase
        .as_ref()
        .map(|p| p.expose())
        .unwrap_or_default()
}

/// Header names of the exchanges that authenticate with key, signature, timestamp and
/// passphrase headers (OKX, Bitget, KuCoin).
pub(crate) struct AccessHeaders {
    pub key: &'static str,
    pub sign: &'static str,
    pub timestamp: &'static str,
    pub passphrase: &'static str,
}

impl AccessHeaders {
    pub fn apply(
        &self,
        request: SignedRequest,
        creds: &Credentials,
        signature: String,
        timestamp: String,
        passphrase: String,
    ) -> SignedRequest {
        request
            .header(self.key, creds.api_key.expose().to_owned())
            .header(self.sign, signature)
            .header(self.timestamp, timestamp)
            .header(self.passphrase, passphrase)
    }
}
