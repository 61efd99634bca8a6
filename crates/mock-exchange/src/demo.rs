//! The seeded demo accounts: one healthy key per exchange (each from its folder), one per fault
//! kind, and a few keys whose permissions or expiry make the app's diagnoses interesting.
//! Credentials are fixed strings derived from a seed, in each exchange's real format (the helpers
//! here), so the demo vault looks like the real thing.

use chrono::{Duration, DurationRound, Utc};
use sha2::{Digest, Sha256};

use crate::account::{Fault, MockAccount, MockBalance, MockPermissions};
use crate::MOCKS;
use crate::{binance, bitget, bybit, gate, kraken, kucoin, okx};

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Deterministic bytes for a seed (SHA-256 in counter mode): stable across runs and machines.
fn bytes(seed: &str, len: usize) -> Vec<u8> {
    (0u32..)
        .flat_map(|i| Sha256::digest(format!("coffre-demo:{seed}:{i}")).to_vec())
        .take(len)
        .collect()
}

pub(crate) fn alnum(seed: &str, len: usize) -> String {
    bytes(seed, len)
        .into_iter()
        .map(|b| ALNUM[b as usize % ALNUM.len()] as char)
        .collect()
}

pub(crate) fn hex_lower(seed: &str, len: usize) -> String {
    hex::encode(bytes(seed, len.div_ceil(2)))[..len].to_owned()
}

pub(crate) fn uuid(seed: &str) -> String {
    let h = hex_lower(seed, 32);
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

pub(crate) fn b64(seed: &str, len: usize) -> String {
    crate::verify::b64(&bytes(seed, len))
}

/// A P-256 private key in SEC1 PEM with its named curve, built from a fixed scalar: the
/// `-----BEGIN EC PRIVATE KEY-----` block CDP hands out for ECDSA keys, which OpenSSL and Python's
/// `cryptography` load (they refuse a SEC1 key without the curve, what `to_sec1_pem` writes).
pub(crate) fn ec_pem(seed: &str) -> String {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    use sec1::der::{asn1::ObjectIdentifier, pem::LineEnding, Encode};
    const PRIME256V1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
    let scalar = bytes(seed, 32);
    let key =
        p256::SecretKey::from_slice(&scalar).expect("a SHA-256 output is a valid P-256 scalar");
    let public = key.public_key().to_encoded_point(false);
    let der = sec1::EcPrivateKey {
        private_key: &scalar,
        parameters: Some(sec1::EcParameters::NamedCurve(PRIME256V1)),
        public_key: Some(public.as_bytes()),
    }
    .to_der()
    .expect("DER encoding of a valid key");
    sec1::der::pem::encode_string("EC PRIVATE KEY", LineEnding::LF, &der)
        .expect("PEM encoding of a valid key")
}

pub(crate) fn account(
    exchange: &str,
    label: &str,
    api_key: String,
    secret: String,
    passphrase: Option<&str>,
) -> MockAccount {
    let mut a = MockAccount::new(exchange, &api_key, &secret, passphrase);
    a.label = Some(label.to_owned());
    a
}

/// A demo key's holdings: BTC, ETH and USDT, and a token no mock lists a market for, so the
/// demo shows a balance Coffre cannot price ("not priced").
pub(crate) fn balances(btc: &str, eth: &str, usdt: &str) -> Option<Vec<MockBalance>> {
    Some(vec![
        MockBalance::new("BTC", btc, "0"),
        MockBalance::new("ETH", eth, "0"),
        MockBalance::new("USDT", usdt, "0"),
        MockBalance::new(UNLISTED_TOKEN, "1250", "0"),
    ])
}

/// The demo token without a market on any mock exchange.
pub(crate) const UNLISTED_TOKEN: &str = "MEME";

/// The seeded demo set. Credentials and labels are fixed; the two expiry dates are relative to
/// today (whole days), since "expires in 10 days" must stay true whenever the demo runs.
pub fn demo_accounts() -> Vec<MockAccount> {
    let today = Utc::now()
        .duration_trunc(Duration::days(1))
        .unwrap_or_else(|_| Utc::now());
    // One healthy key per exchange, from its folder, in the registry's order.
    let mut accounts: Vec<MockAccount> = MOCKS.iter().map(|m| (m.demo)()).collect();

    // Keys whose permissions or expiry the checker should call out.
    let mut a = binance::demo_key("binance-withdraw", "Binance withdrawals on");
    a.permissions = Some(MockPermissions {
        withdraw: true,
        internal_transfer: true,
        ..MockPermissions::default()
    });
    accounts.push(a);
    let mut a = binance::demo_key("binance-open", "Binance no IP restriction");
    a.allowed_ips = Some(Vec::new());
    a.expires_at = Some(today + Duration::days(30));
    accounts.push(a);
    let mut a = bybit::demo_key("bybit-expiring", "Bybit expiring soon");
    a.allowed_ips = Some(Vec::new());
    a.expires_at = Some(today + Duration::days(10));
    accounts.push(a);

    // One account per fault kind, spread over the exchanges.
    let faults = [
        (
            okx::demo_key("okx-ip", "OKX wrong IP"),
            Fault::IpNotWhitelisted,
        ),
        (
            kucoin::demo_key("kucoin-expired", "KuCoin expired"),
            Fault::Expired,
        ),
        (
            bybit::demo_key("bybit-skew", "Bybit clock skew"),
            Fault::ClockSkewMs(120_000),
        ),
        (
            kraken::demo_key("kraken-limited", "Kraken rate limited"),
            Fault::RateLimited,
        ),
        (
            gate::demo_key("gate-down", "Gate unavailable"),
            Fault::Unavailable,
        ),
        (
            bitget::demo_key("bitget-denied", "Bitget permission denied"),
            Fault::PermissionDenied,
        ),
    ];
    for (mut a, fault) in faults {
        a.fault = Some(fault);
        accounts.push(a);
    }
    for account in &mut accounts {
        let label = account.label.as_deref().unwrap_or_default();
        if let Some((_, platforms)) = DEMO_PLATFORMS.iter().find(|(l, _)| *l == label) {
            account.platforms = platforms.iter().map(|p| (*p).to_owned()).collect();
        }
    }
    accounts
}

/// Which platform each demo key is for (by label), so the demo shows every verdict: ready,
/// rejected (withdrawals on for Bitsgap), risky (no IP restriction for 3Commas).
const DEMO_PLATFORMS: &[(&str, &[&str])] = &[
    ("Binance main", &["bitsgap"]),
    ("Binance withdrawals on", &["bitsgap"]),
    ("Binance no IP restriction", &["3commas"]),
    ("OKX main", &["crypty-ghost"]),
    ("Bybit unified", &["bitsgap", "altrady"]),
    ("Kraken funds", &["freqtrade"]),
    ("KuCoin spot", &["hummingbot"]),
    ("Gate spot", &["ccxt-script"]),
];

/// `per_exchange` (at most 10) healthy keys of every mocked exchange, each a variant of that
/// exchange's healthy demo key — its last letter or digit replaced by the variant's number, so the
/// key keeps its exchange's format — with no label and no expiry: the load the check benchmarks run.
pub fn healthy_accounts(per_exchange: usize) -> Vec<MockAccount> {
    assert!(per_exchange <= 10, "one digit tells the variants apart");
    let demo = demo_accounts();
    let mut accounts = Vec::new();
    for exchange in crate::EXCHANGES {
        let template = demo
            .iter()
            .find(|a| a.exchange == *exchange && a.fault.is_none())
            .expect("a healthy demo account per exchange");
        for n in 0..per_exchange {
            let mut account = template.clone();
            let last = template
                .api_key
                .rfind(|c: char| c.is_ascii_alphanumeric())
                .expect("an API key has a letter or digit");
            account
                .api_key
                .replace_range(last..last + 1, &n.to_string());
            account.label = None;
            account.expires_at = None;
            accounts.push(account);
        }
    }
    accounts
}
