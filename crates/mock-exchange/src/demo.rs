//! The seeded demo accounts: one healthy key per exchange, one per fault kind, and a few keys whose
//! permissions or expiry make the app's diagnoses interesting. Credentials are fixed strings derived
//! from a seed, in each exchange's real format, so the demo vault looks like the real thing.

use chrono::{Duration, DurationRound, Utc};
use sha2::{Digest, Sha256};

use crate::account::{Fault, MockAccount, MockBalance, MockPermissions};

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Deterministic bytes for a seed (SHA-256 in counter mode): stable across runs and machines.
fn bytes(seed: &str, len: usize) -> Vec<u8> {
    (0u32..)
        .flat_map(|i| Sha256::digest(format!("coffre-demo:{seed}:{i}")).to_vec())
        .take(len)
        .collect()
}

fn alnum(seed: &str, len: usize) -> String {
    bytes(seed, len)
        .into_iter()
        .map(|b| ALNUM[b as usize % ALNUM.len()] as char)
        .collect()
}

fn hex_lower(seed: &str, len: usize) -> String {
    hex::encode(bytes(seed, len.div_ceil(2)))[..len].to_owned()
}

fn uuid(seed: &str) -> String {
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

fn b64(seed: &str, len: usize) -> String {
    crate::verify::b64(&bytes(seed, len))
}

/// A P-256 private key in SEC1 PEM, built from a fixed scalar (what CDP hands out for ECDSA keys).
fn ec_pem(seed: &str) -> String {
    use p256::pkcs8::LineEnding;
    let scalar = bytes(seed, 32);
    let key =
        p256::SecretKey::from_slice(&scalar).expect("a SHA-256 output is a valid P-256 scalar");
    key.to_sec1_pem(LineEnding::LF)
        .expect("PEM encoding of a valid key")
        .to_string()
}

fn account(
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

fn balances(btc: &str, eth: &str, usdt: &str) -> Option<Vec<MockBalance>> {
    Some(vec![
        MockBalance::new("BTC", btc, "0"),
        MockBalance::new("ETH", eth, "0"),
        MockBalance::new("USDT", usdt, "0"),
    ])
}

fn binance(seed: &str, label: &str) -> MockAccount {
    account(
        "binance",
        label,
        alnum(&format!("{seed}-key"), 64),
        alnum(&format!("{seed}-secret"), 64),
        None,
    )
}
fn whitebit(seed: &str, label: &str) -> MockAccount {
    account(
        "whitebit",
        label,
        hex_lower(&format!("{seed}-key"), 32),
        hex_lower(&format!("{seed}-secret"), 32),
        None,
    )
}
fn cryptocom(seed: &str, label: &str) -> MockAccount {
    account(
        "cryptocom",
        label,
        alnum(&format!("{seed}-key"), 22),
        alnum(&format!("{seed}-secret"), 22),
        None,
    )
}
fn okx(seed: &str, label: &str) -> MockAccount {
    let secret = hex_lower(&format!("{seed}-secret"), 32).to_uppercase();
    account(
        "okx",
        label,
        uuid(&format!("{seed}-key")),
        secret,
        Some("Coffre-Demo-1"),
    )
}
fn bybit(seed: &str, label: &str) -> MockAccount {
    account(
        "bybit",
        label,
        alnum(&format!("{seed}-key"), 18),
        alnum(&format!("{seed}-secret"), 36),
        None,
    )
}
fn kraken(seed: &str, label: &str) -> MockAccount {
    account(
        "kraken",
        label,
        b64(&format!("{seed}-key"), 42),
        b64(&format!("{seed}-secret"), 64),
        None,
    )
}
fn kucoin(seed: &str, label: &str) -> MockAccount {
    account(
        "kucoin",
        label,
        hex_lower(&format!("{seed}-key"), 24),
        uuid(&format!("{seed}-secret")),
        Some("coffre-demo-pass"),
    )
}
fn coinbase(seed: &str, label: &str) -> MockAccount {
    let name = format!(
        "organizations/{}/apiKeys/{}",
        uuid(&format!("{seed}-org")),
        uuid(&format!("{seed}-key"))
    );
    account(
        "coinbase",
        label,
        name,
        ec_pem(&format!("{seed}-secret")),
        None,
    )
}
fn bitget(seed: &str, label: &str) -> MockAccount {
    let key = format!("bg_{}", hex_lower(&format!("{seed}-key"), 32));
    account(
        "bitget",
        label,
        key,
        hex_lower(&format!("{seed}-secret"), 64),
        Some("CoffreDemo2026"),
    )
}
fn gate(seed: &str, label: &str) -> MockAccount {
    account(
        "gate",
        label,
        hex_lower(&format!("{seed}-key"), 32),
        hex_lower(&format!("{seed}-secret"), 64),
        None,
    )
}

/// The seeded demo set. Credentials and labels are fixed; the two expiry dates are relative to
/// today (whole days), since "expires in 10 days" must stay true whenever the demo runs.
pub fn demo_accounts() -> Vec<MockAccount> {
    let today = Utc::now()
        .duration_trunc(Duration::days(1))
        .unwrap_or_else(|_| Utc::now());
    let mut accounts = Vec::new();

    let mut a = binance("binance-main", "Binance main");
    a.balances = balances("0.48210000", "3.15000000", "12450.75");
    accounts.push(a);
    let mut a = whitebit("whitebit-main", "WhiteBIT trading");
    a.balances = balances("0.0520", "0.8000", "980.40");
    accounts.push(a);
    let mut a = cryptocom("cryptocom-main", "Crypto.com Exchange");
    a.balances = balances("0.1500", "2.4000", "3200.00");
    accounts.push(a);
    let mut a = okx("okx-main", "OKX main");
    a.balances = balances("0.2750", "5.1000", "7800.00");
    accounts.push(a);
    let mut a = bybit("bybit-main", "Bybit unified");
    a.balances = balances("0.0910", "1.7500", "4100.25");
    accounts.push(a);
    let mut a = kraken("kraken-main", "Kraken funds");
    a.balances = balances("0.3300", "4.0000", "1500.00");
    accounts.push(a);
    let mut a = kucoin("kucoin-main", "KuCoin spot");
    a.balances = balances("0.0450", "0.9000", "650.00");
    accounts.push(a);
    let mut a = coinbase("coinbase-main", "Coinbase Advanced");
    a.balances = balances("0.6200", "7.2500", "2300.00");
    accounts.push(a);
    let mut a = bitget("bitget-main", "Bitget spot");
    a.balances = balances("0.0800", "1.1000", "900.00");
    accounts.push(a);
    let mut a = gate("gate-main", "Gate spot");
    a.balances = balances("0.0300", "0.6000", "420.00");
    accounts.push(a);

    // Keys whose permissions or expiry the checker should call out.
    let mut a = binance("binance-withdraw", "Binance withdrawals on");
    a.permissions = Some(MockPermissions {
        withdraw: true,
        internal_transfer: true,
        ..MockPermissions::default()
    });
    accounts.push(a);
    let mut a = binance("binance-open", "Binance no IP restriction");
    a.allowed_ips = Some(Vec::new());
    a.expires_at = Some(today + Duration::days(30));
    accounts.push(a);
    let mut a = bybit("bybit-expiring", "Bybit expiring soon");
    a.allowed_ips = Some(Vec::new());
    a.expires_at = Some(today + Duration::days(10));
    accounts.push(a);

    // One account per fault kind, spread over the exchanges.
    let faults = [
        (okx("okx-ip", "OKX wrong IP"), Fault::IpNotWhitelisted),
        (kucoin("kucoin-expired", "KuCoin expired"), Fault::Expired),
        (
            bybit("bybit-skew", "Bybit clock skew"),
            Fault::ClockSkewMs(120_000),
        ),
        (
            kraken("kraken-limited", "Kraken rate limited"),
            Fault::RateLimited,
        ),
        (gate("gate-down", "Gate unavailable"), Fault::Unavailable),
        (
            bitget("bitget-denied", "Bitget permission denied"),
            Fault::PermissionDenied,
        ),
    ];
    for (mut a, fault) in faults {
        a.fault = Some(fault);
        accounts.push(a);
    }
    accounts
}
