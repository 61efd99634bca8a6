//! A tiny request signer written for the tests from the exchanges' docs, independent of the
//! mock's verifiers, producing the balance call of each exchange for given credentials and time.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use coffre_mock_exchange::MockAccount;
use hmac::{Hmac, Mac};
use http::{HeaderMap, HeaderName, HeaderValue};
use sha2::{Digest, Sha256, Sha512};

/// A request as it goes on the wire.
#[derive(Clone, Debug)]
pub struct Call {
    pub method: &'static str,
    pub path: String,
    pub query: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Call {
    pub fn header_map(&self) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in &self.headers {
            map.insert(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        map
    }

    pub fn header_mut(&mut self, name: &str) -> &mut String {
        &mut self
            .headers
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .unwrap()
            .1
    }
}

fn hmac256(key: &[u8], msg: &str) -> Vec<u8> {
    let mut m = Hmac::<Sha256>::new_from_slice(key).unwrap();
    m.update(msg.as_bytes());
    m.finalize().into_bytes().to_vec()
}

fn hmac512(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<Sha512>::new_from_slice(key).unwrap();
    m.update(msg);
    m.finalize().into_bytes().to_vec()
}

fn h(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// The balance call of `a.exchange`, signed at `ts_ms`; `host` is the `Host` the client will send.
pub fn balance_call(a: &MockAccount, ts_ms: i64, host: &str) -> Call {
    let (key, secret) = (a.api_key.as_str(), a.secret.as_str());
    let pass = a.passphrase.clone().unwrap_or_default();
    match a.exchange.as_str() {
        "binance" => {
            let q = format!("recvWindow=5000&timestamp={ts_ms}");
            let sig = hex::encode(hmac256(secret.as_bytes(), &q));
            Call {
                method: "GET",
                path: "/api/v3/account".into(),
                query: Some(format!("{q}&signature={sig}")),
                headers: h(&[("X-MBX-APIKEY", key.into())]),
                body: String::new(),
            }
        }
        "whitebit" => {
            let path = "/api/v4/trade-account/balance";
            let body = format!(r#"{{"request":"{path}","nonce":"{ts_ms}","nonceWindow":true}}"#);
            let payload = STANDARD.encode(&body);
            let sig = hex::encode(hmac512(secret.as_bytes(), payload.as_bytes()));
            Call {
                method: "POST",
                path: path.into(),
                query: None,
                body,
                headers: h(&[
                    ("X-TXC-APIKEY", key.into()),
                    ("X-TXC-PAYLOAD", payload),
                    ("X-TXC-SIGNATURE", sig),
                    ("Content-Type", "application/json".into()),
                ]),
            }
        }
        "cryptocom" => {
            let method = "private/user-balance";
            let sig = hex::encode(hmac256(
                secret.as_bytes(),
                &format!("{method}7{key}{ts_ms}"),
            ));
            let body = format!(
                r#"{{"id":7,"method":"{method}","api_key":"{key}","params":{{}},"nonce":{ts_ms},"sig":"{sig}"}}"#
            );
            Call {
                method: "POST",
                path: format!("/exchange/v1/{method}"),
                query: None,
                body,
                headers: h(&[("Content-Type", "application/json".into())]),
            }
        }
        "okx" => {
            let ts = chrono::DateTime::from_timestamp_millis(ts_ms)
                .unwrap()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            let sig = STANDARD.encode(hmac256(
                secret.as_bytes(),
                &format!("{ts}GET/api/v5/account/balance?ccy=BTC"),
            ));
            Call {
                method: "GET",
                path: "/api/v5/account/balance".into(),
                query: Some("ccy=BTC".into()),
                body: String::new(),
                headers: h(&[
                    ("OK-ACCESS-KEY", key.into()),
                    ("OK-ACCESS-SIGN", sig),
                    ("OK-ACCESS-TIMESTAMP", ts),
                    ("OK-ACCESS-PASSPHRASE", pass),
                ]),
            }
        }
        "bybit" => {
            let q = "accountType=UNIFIED";
            let sig = hex::encode(hmac256(secret.as_bytes(), &format!("{ts_ms}{key}5000{q}")));
            Call {
                method: "GET",
                path: "/v5/account/wallet-balance".into(),
                query: Some(q.into()),
                body: String::new(),
                headers: h(&[
                    ("X-BAPI-API-KEY", key.into()),
                    ("X-BAPI-TIMESTAMP", ts_ms.to_string()),
                    ("X-BAPI-RECV-WINDOW", "5000".into()),
                    ("X-BAPI-SIGN", sig),
                ]),
            }
        }
        "kraken" => {
            let path = "/0/private/Balance";
            let body = format!("nonce={ts_ms}");
            let inner = Sha256::digest(format!("{ts_ms}{body}"));
            let mut msg = path.as_bytes().to_vec();
            msg.extend_from_slice(&inner);
            let sig = STANDARD.encode(hmac512(&STANDARD.decode(secret).unwrap(), &msg));
            Call {
                method: "POST",
                path: path.into(),
                query: None,
                body,
                headers: h(&[
                    ("API-Key", key.into()),
                    ("API-Sign", sig),
                    ("Content-Type", "application/x-www-form-urlencoded".into()),
                ]),
            }
        }
        "kucoin" => {
            let sig = STANDARD.encode(hmac256(
                secret.as_bytes(),
                &format!("{ts_ms}GET/api/v1/accounts?type=trade"),
            ));
            let pass = STANDARD.encode(hmac256(secret.as_bytes(), &pass));
            Call {
                method: "GET",
                path: "/api/v1/accounts".into(),
                query: Some("type=trade".into()),
                body: String::new(),
                headers: h(&[
                    ("KC-API-KEY", key.into()),
                    ("KC-API-SIGN", sig),
                    ("KC-API-TIMESTAMP", ts_ms.to_string()),
                    ("KC-API-PASSPHRASE", pass),
                    ("KC-API-KEY-VERSION", "2".into()),
                ]),
            }
        }
        "coinbase" => {
            use p256::ecdsa::signature::Signer;
            let path = "/api/v3/brokerage/accounts";
            let now = ts_ms / 1000;
            let header =
                format!(r#"{{"alg":"ES256","kid":"{key}","nonce":"{ts_ms}","typ":"JWT"}}"#);
            let claims = format!(
                r#"{{"sub":"{key}","iss":"cdp","nbf":{now},"exp":{},"uri":"GET {host}{path}"}}"#,
                now + 120
            );
            let signed = format!(
                "{}.{}",
                URL_SAFE_NO_PAD.encode(header),
                URL_SAFE_NO_PAD.encode(claims)
            );
            let sk = p256::SecretKey::from_sec1_pem(secret).unwrap();
            let sig: p256::ecdsa::Signature =
                p256::ecdsa::SigningKey::from(sk).sign(signed.as_bytes());
            let jwt = format!("{signed}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()));
            Call {
                method: "GET",
                path: path.into(),
                query: None,
                body: String::new(),
                headers: h(&[
                    ("Authorization", format!("Bearer {jwt}")),
                    ("Host", host.into()),
                ]),
            }
        }
        "bitget" => {
            let sig = STANDARD.encode(hmac256(
                secret.as_bytes(),
                &format!("{ts_ms}GET/api/v2/spot/account/assets?coin=USDT"),
            ));
            Call {
                method: "GET",
                path: "/api/v2/spot/account/assets".into(),
                query: Some("coin=USDT".into()),
                body: String::new(),
                headers: h(&[
                    ("ACCESS-KEY", key.into()),
                    ("ACCESS-SIGN", sig),
                    ("ACCESS-TIMESTAMP", ts_ms.to_string()),
                    ("ACCESS-PASSPHRASE", pass),
                ]),
            }
        }
        "gate" => {
            let ts = (ts_ms / 1000).to_string();
            let msg = format!(
                "GET\n/api/v4/spot/accounts\ncurrency=BTC\n{}\n{ts}",
                hex::encode(Sha512::digest(b""))
            );
            let sig = hex::encode(hmac512(secret.as_bytes(), msg.as_bytes()));
            Call {
                method: "GET",
                path: "/api/v4/spot/accounts".into(),
                query: Some("currency=BTC".into()),
                body: String::new(),
                headers: h(&[("KEY", key.into()), ("Timestamp", ts), ("SIGN", sig)]),
            }
        }
        other => panic!("no signer for {other}"),
    }
}

/// Where the signature sits in a call, as (header name | "query" | "body"), for tampering.
pub fn tamper_signature(exchange: &str, call: &mut Call) {
    let flip = |s: &mut String, at: usize| {
        let c = s.as_bytes()[at];
        let new = if c == b'0' { '1' } else { '0' };
        s.replace_range(at..at + 1, &new.to_string());
    };
    match exchange {
        "binance" => {
            let q = call.query.as_mut().unwrap();
            let at = q.find("signature=").unwrap() + "signature=".len();
            flip(q, at);
        }
        "cryptocom" => {
            let at = call.body.find(r#""sig":""#).unwrap() + 7;
            flip(&mut call.body, at);
        }
        "coinbase" => {
            let auth = call.header_mut("Authorization");
            let at = auth.rfind('.').unwrap() + 1;
            flip(auth, at);
        }
        other => {
            let name = match other {
                "whitebit" => "X-TXC-SIGNATURE",
                "okx" => "OK-ACCESS-SIGN",
                "bybit" => "X-BAPI-SIGN",
                "kraken" => "API-Sign",
                "kucoin" => "KC-API-SIGN",
                "bitget" => "ACCESS-SIGN",
                _ => "SIGN",
            };
            flip(call.header_mut(name), 0);
        }
    }
}
