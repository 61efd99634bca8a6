//! The UI's copy of the IPC contract, produced by the Rust side so there is no second one to keep in
//! step: TypeScript declarations of every type that crosses IPC (`ui/src/lib/generated/`, ts-rs) and
//! JSON fixtures built by the real code for the component tests (`ui/src/fixtures/`).
//!
//! Each test fails when the committed files differ from what the Rust code gives today;
//! `COFFRE_WRITE_TS_TYPES=1 cargo test -p coffre-app --test ipc contract::` rewrites them.

use chrono::{DateTime, Duration, TimeZone, Utc};
use coffre_app_lib::commands::keys::ReplaceOutcome;
use coffre_app_lib::commands::share::SharedExport;
use coffre_app_lib::error::{AppError, ErrorJson};
use coffre_app_lib::events::{FormExpired, KdfProgress};
use coffre_app_lib::sealed_reveal::SealedReveal;
use coffre_app_lib::settings::{Language, Settings};
use coffre_app_lib::views::{AppStatus, SettingsView};
use coffre_catalog::catalog;
use coffre_core::checks::CheckProgress;
use coffre_core::clipboard::ClipboardEvent;
use coffre_core::export::ExportFormat;
use coffre_core::keygen::GeneratedKey;
use coffre_core::keys::{self, FieldName, KeyEdit, KeyForm};
use coffre_core::paste_sequence::{PasteSequence, Running};
use coffre_core::safety::{self, SafetyView};
use coffre_core::verdicts::{self, PlatformVerdict};
use coffre_core::views::{
    self, CopyResult, ExchangeInfo, Guide, KdfView, KeyDetail, KeySummary, PasteResult,
    PlatformInfo,
};
use coffre_model::{
    Balance, CheckReport, Credentials, Diagnosis, DiagnosisKind, Known, Permissions,
};
use coffre_secret::SecretString;
use coffre_vault::{KeyMeta, KeyRecord, RevokedKey};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

/// Set to rewrite the committed files instead of comparing with them.
const WRITE: &str = "COFFRE_WRITE_TS_TYPES";

fn ui_src(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ui/src")
        .join(dir)
}

/// With `WRITE` set, makes `dir`'s files ending in `ext` exactly `files` (name → content);
/// otherwise fails naming every one that is missing, stale or extra.
fn check_or_write(dir: &Path, ext: &str, files: &BTreeMap<String, String>) {
    let committed: BTreeMap<String, String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(ext))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    if std::env::var_os(WRITE).is_some() {
        std::fs::create_dir_all(dir).unwrap();
        for name in committed.keys().filter(|n| !files.contains_key(*n)) {
            std::fs::remove_file(dir.join(name)).unwrap();
        }
        for (name, content) in files {
            if committed.get(name) != Some(content) {
                std::fs::write(dir.join(name), content).unwrap();
            }
        }
        return;
    }
    let mut problems = Vec::new();
    for (name, content) in files {
        match committed.get(name) {
            None => problems.push(format!("missing {name}")),
            Some(old) if old != content => problems.push(format!("stale {name}")),
            Some(_) => {}
        }
    }
    for name in committed.keys().filter(|n| !files.contains_key(*n)) {
        problems.push(format!("extra {name}"));
    }
    assert!(
        problems.is_empty(),
        "{} differs from the Rust side ({}); rewrite it with \
         `{WRITE}=1 cargo test -p coffre-app --test ipc contract::`",
        dir.display(),
        problems.join(", ")
    );
}

// --- TypeScript declarations ---

/// JS numbers, not `bigint`: every 64-bit value Coffre sends (milliseconds, seconds, days) is far
/// below 2^53.
fn ts_config(dir: &Path) -> Config {
    Config::new().with_large_int("number").with_out_dir(dir)
}

/// Every type a command takes or returns and every event payload; ts-rs adds what they contain.
fn export_ipc_types(cfg: &Config) {
    macro_rules! export {
        ($($t:ty),* $(,)?) => {$( <$t as TS>::export_all(cfg).expect(stringify!($t)); )*};
    }
    export!(
        // errors
        ErrorJson<'static>,
        // app and vault
        AppStatus,
        KdfView,
        SettingsView,
        // keys
        KeySummary,
        KeyDetail,
        FieldName,
        PasteResult,
        KeyForm,
        KeyEdit,
        ReplaceOutcome,
        CopyResult,
        SealedReveal,
        CheckReport,
        coffre_core::holdings::HoldingsValue,
        coffre_core::holdings::Summary,
        // platforms, exports, keygen
        PlatformVerdict,
        SafetyView,
        PasteSequence,
        coffre_core::auto_type::AutoTypeReport,
        coffre_core::bot_command::BotKind,
        ExportFormat,
        SharedExport,
        GeneratedKey,
        // catalog
        ExchangeInfo,
        PlatformInfo,
        Guide,
        // error doctor
        coffre_core::explain::ExplainView,
        // events
        KdfProgress,
        FormExpired,
        ClipboardEvent,
        CheckProgress,
        coffre_core::check_run::CheckRun,
    );
}

#[test]
fn generated_ts_types_match_the_rust_types() {
    let out = tempfile::tempdir().unwrap();
    export_ipc_types(&ts_config(out.path()));
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        files.insert(name, std::fs::read_to_string(&path).unwrap());
    }
    assert!(files.len() > 30, "ts-rs exported only {files:?}");
    check_or_write(&ui_src("lib/generated"), ".ts", &files);
}

/// `ChecklistItem.action` is typed by hand (`Action` lives in a file without `TS` derives): its
/// union must name exactly the serde names of `Action`'s variants.
#[test]
fn checklist_action_ts_type_names_every_action() {
    use coffre_catalog::Action;
    let every = |a: Action| match a {
        // A new variant fails to compile here: add it to ChecklistItem's `#[ts(type)]` too.
        Action::Enable | Action::Disable | Action::Info => a,
    };
    let names: Vec<String> = [Action::Enable, Action::Disable, Action::Info]
        .into_iter()
        .map(|a| serde_json::to_string(&every(a)).unwrap())
        .collect();
    let declared = <coffre_catalog::ChecklistItem as TS>::decl(&Config::new());
    assert!(
        declared.contains(&format!("action: {}", names.join(" | "))),
        "{declared}"
    );
}

// --- Fixtures: real values of the contract, for the UI's component tests ---

/// The fixtures' "now": every date below is relative to it.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap()
}

fn id(n: u8) -> String {
    format!("00000000-0000-4000-8000-0000000000{n:02}")
}

/// What a display hint of an obviously fake API key looks like (`FAKE…0001`); the fixtures
/// never hold a credential.
fn hint(n: u8) -> String {
    coffre_secret::mask(&format!("FAKE-API-KEY-NOT-REAL-{n:04}"))
}

fn permissions(read: bool, trade: bool, withdraw: bool, ip_restricted: bool) -> Permissions {
    Permissions {
        read: Known::from_bool(read),
        spot_trade: Known::from_bool(trade),
        margin: Known::No,
        futures: Known::No,
        withdraw: Known::from_bool(withdraw),
        internal_transfer: Known::No,
        ip_restricted: Known::from_bool(ip_restricted),
        allowed_ips: ip_restricted.then(|| vec!["203.0.113.10".into(), "203.0.113.11".into()]),
        created_at: None,
        expires_at: None,
    }
}

fn balance(asset: &str, free: &str, locked: &str) -> Balance {
    Balance {
        asset: asset.into(),
        free: free.parse().unwrap(),
        locked: locked.parse().unwrap(),
    }
}

/// The fixtures' market prices, as an exchange's public ticker gives them, in its quote currency
/// (USDT for the exchanges of the fixture vault). XYZ has no market: not priced.
const PRICES: [(&str, &str); 2] = [("BTC", "97000.5"), ("ETH", "3500")];

/// `report` valued by the checker's own code at `prices`; `None`: the ticker could not be read.
fn valued(mut report: CheckReport, prices: Option<&[(&str, &str)]>) -> CheckReport {
    let quote = catalog()
        .exchange(&report.exchange)
        .and_then(|e| e.quote_currency.clone())
        .expect("a checked exchange has a quote currency");
    let prices: Option<HashMap<String, _>> = prices.map(|rows| {
        rows.iter()
            .map(|(asset, price)| (asset.to_string(), price.parse().unwrap()))
            .collect()
    });
    report.valuation = Some(coffre_exchanges::value_balances(
        &report.balances,
        &quote,
        prices.as_ref(),
    ));
    report
}

/// `report` also holding an asset its exchange lists no market for.
fn with_unlisted_asset(mut report: CheckReport) -> CheckReport {
    report.balances.push(balance("XYZ", "1000", "0"));
    report
}

/// A check that read the balances, valued at `PRICES`: 0.5 BTC and 1,550.37 USDT, 50,050.62 USDT.
fn ok_report(exchange: &str, at: DateTime<Utc>, permissions: Permissions) -> CheckReport {
    valued(unvalued_report(exchange, at, permissions), Some(&PRICES))
}

fn unvalued_report(exchange: &str, at: DateTime<Utc>, permissions: Permissions) -> CheckReport {
    CheckReport {
        exchange: exchange.into(),
        checked_at: at,
        ok: true,
        balances: vec![
            balance("BTC", "0.5", "0"),
            balance("USDT", "1250.37", "300"),
            balance("ETH", "0", "0"),
        ],
        permissions,
        diagnosis: None,
        clock_offset_ms: Some(-40),
        region: None,
        valuation: None,
    }
}

/// A failed check, its sentence written by the catalog as the exchange clients do.
fn failed_report(
    at: DateTime<Utc>,
    exchange: &str,
    name: &str,
    kind: DiagnosisKind,
    code: &str,
) -> CheckReport {
    let mut diagnosis = Diagnosis {
        kind,
        exchange_code: Some(code.into()),
        exchange_message: None,
        message: String::new(),
    };
    diagnosis.message = coffre_catalog::describe_diagnosis(&diagnosis, name, "en");
    CheckReport {
        exchange: exchange.into(),
        checked_at: at,
        ok: false,
        balances: Vec::new(),
        permissions: Permissions::default(),
        diagnosis: Some(diagnosis),
        clock_offset_ms: None,
        region: None,
        valuation: None,
    }
}

/// Named check reports, made an hour before `now`: the shapes the check screens show.
fn reports(now: DateTime<Utc>) -> BTreeMap<&'static str, CheckReport> {
    let at = now - Duration::hours(1);
    let binance = || permissions(true, true, false, true);
    BTreeMap::from([
        ("ok", ok_report("binance", at, binance())),
        (
            // The balances were read, the ticker was not: no total.
            "prices_unavailable",
            valued(unvalued_report("binance", at, binance()), None),
        ),
        (
            "not_priced",
            valued(
                with_unlisted_asset(unvalued_report("binance", at, binance())),
                Some(&PRICES),
            ),
        ),
        (
            "can_withdraw",
            ok_report("bybit", at, permissions(true, true, true, false)),
        ),
        (
            "invalid_key",
            failed_report(at, "okx", "OKX", DiagnosisKind::InvalidKey, "50111"),
        ),
        (
            // Unknown to www.okx.com, known to the EEA host: checked there, host not yet saved.
            "region_found",
            CheckReport {
                region: coffre_core::regions::region_of("okx", "https://eea.okx.com")
                    .map(|r| coffre_model::RegionFound { saved: false, ..r }),
                ..ok_report("okx", at, permissions(true, true, false, true))
            },
        ),
        (
            "exchange_unavailable",
            failed_report(
                now,
                "binance",
                "Binance",
                DiagnosisKind::ExchangeUnavailable,
                "503",
            ),
        ),
        (
            "clock_skew",
            failed_report(
                at,
                "binance",
                "Binance",
                DiagnosisKind::ClockSkew { offset_ms: -2500 },
                "-1021",
            ),
        ),
    ])
}

fn record(
    now: DateTime<Utc>,
    n: u8,
    exchange: &str,
    label: &str,
    build: impl FnOnce(&mut KeyMeta),
) -> KeyRecord {
    let mut meta = KeyMeta::new(exchange, label);
    meta.api_key_hint = hint(n);
    meta.created_at = now - Duration::days(120);
    meta.updated_at = now - Duration::days(3);
    build(&mut meta);
    KeyRecord {
        id: id(n),
        revision: 1,
        meta,
    }
}

/// The fixture vault as of `now`: a key ready for one platform and refused by the other, a
/// failing one, one never checked, one that can withdraw, has no IP restriction, expires soon and
/// holds an asset with no market, and one whose check is stale and read no prices. Valued: the
/// two Binance keys (one in the total) and the Bybit one; the others read no balance.
/// Sorted by label, as the vault lists them.
fn records(now: DateTime<Utc>) -> Vec<KeyRecord> {
    let reports = reports(now);
    let mut all = vec![
        record(now, 1, "binance", "Binance – grid bot", |m| {
            m.account = Some("main".into());
            m.platforms = vec!["bitsgap".into(), "smartradex".into()];
            m.tags = vec!["grid".into(), "btc".into()];
            m.notes = "IP list copied from Bitsgap → My Exchanges. Withdrawals off.".into();
            m.last_check = Some(reports["ok"].clone());
            m.platform_ips = BTreeMap::from([(
                "bitsgap".into(),
                vec!["18.180.13.115".into(), "52.68.107.40".into()],
            )]);
            m.history = vec![RevokedKey {
                api_key_hint: hint(11),
                revoked_at: now - Duration::days(40),
            }];
        }),
        record(now, 2, "okx", "OKX futures", |m| {
            m.platforms = vec!["bitsgap".into()];
            m.last_check = Some(reports["invalid_key"].clone());
        }),
        record(now, 3, "kraken", "Kraken – portfolio (read only)", |m| {
            m.platforms = vec!["freqtrade".into()];
            m.tags = vec!["tax".into()];
        }),
        record(now, 4, "bybit", "Bybit sub-account 2", |m| {
            m.account = Some("sub-2".into());
            m.platforms = vec!["bitsgap".into(), "cryptohopper".into()];
            m.expires_at = Some(now + Duration::days(6) + Duration::hours(12));
            // Also holds an asset Bybit lists no market for: "not priced" in the totals.
            let report = reports["can_withdraw"].clone();
            m.last_check = Some(valued(with_unlisted_asset(report), Some(&PRICES)));
        }),
        record(now, 5, "binance", "Binance – old DCA bot", |m| {
            m.platforms = vec!["3commas".into()];
            // Binance's ticker was not read at that check: counted, but not in the total.
            let mut report = reports["prices_unavailable"].clone();
            report.checked_at = now - Duration::days(45) - Duration::hours(1);
            m.last_check = Some(report);
        }),
    ];
    all.sort_by(|a, b| a.meta.label.cmp(&b.meta.label));
    all
}

/// What a refused paste looks like to the webview.
fn paste_invalid_error() -> AppError {
    let key = format!("FAKE{}", "0".repeat(56)) + "KEY1";
    let refused = keys::validated("binance", &key, &key, None).expect_err("key pasted as secret");
    AppError::from(refused)
}

fn paste_sequence(records: &[KeyRecord]) -> PasteSequence {
    let okx = records.iter().find(|r| r.meta.exchange == "okx").unwrap();
    let bitsgap = catalog().platform("bitsgap").unwrap();
    let creds = Credentials {
        api_key: SecretString::from("FAKE-API-KEY"),
        secret: SecretString::from("FAKE-SECRET"),
        passphrase: Some(SecretString::from("FAKE-PASSPHRASE")),
        key_type: Default::default(),
    };
    let running = Running::new(
        okx.id.clone(),
        bitsgap.id.clone(),
        verdicts::platform_name("bitsgap", "en"),
        &bitsgap.profile_for("okx", true).fields,
        &creds,
        "en",
        20,
    )
    .expect("Bitsgap's form has fields");
    running.view().clone()
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

#[test]
fn ui_fixtures_match_the_values_the_rust_code_builds() {
    let vault = records(now());
    let detail = |r: &KeyRecord| KeyDetail::from_record(r, r.meta.exchange == "okx", now());
    let verdicts: BTreeMap<&str, Vec<PlatformVerdict>> = vault
        .iter()
        .map(|r| (r.id.as_str(), verdicts::key_verdicts(&r.meta, "en", now())))
        .collect();
    // At the fixtures' now: the overview's deadlines carry dates, the same as the rows'.
    let safety: SafetyView = safety::overview_at(&vault, now());
    let rotated = vault.iter().find(|r| r.id == id(1)).unwrap();
    let replaced = ReplaceOutcome {
        report: rotated.meta.last_check.clone(),
        verdicts: verdicts::key_verdicts(&rotated.meta, "en", now()),
        paste_into: verdicts::platform_infos(&rotated.meta.platforms, "en"),
    };
    let valid_key = format!("FAKE{}", "0".repeat(56)) + "KEY1";
    let paste_results = BTreeMap::from([
        (
            "ok",
            keys::paste_check(Some("binance"), FieldName::ApiKey, &valid_key),
        ),
        (
            "bad_length",
            keys::paste_check(Some("binance"), FieldName::ApiKey, "short"),
        ),
    ]);
    let defaults = Settings::default();
    let settings = SettingsView {
        auto_lock_minutes: defaults.auto_lock_minutes,
        clipboard_clear_seconds: defaults.clipboard_clear_seconds,
        language: Language::System,
        lock_on_sleep: defaults.lock_on_sleep,
        key_radar: defaults.key_radar,
        kdf: Some(KdfView {
            mib: 256,
            passes: 3,
            lanes: 2,
        }),
        kdf_last_ms: Some(1234),
    };
    let status = AppStatus {
        version: "0.1.0".into(),
        vault_path: "/home/trader/.local/share/coffre/vault.coffre".into(),
        vault_exists: true,
        unlocked: true,
        demo: false,
        unlock_delay_ms: 0,
        base_url_overrides: Vec::new(),
        rollback: None,
    };
    let summaries: Vec<KeySummary> = vault
        .iter()
        .map(|r| KeySummary::from_record(r, now()))
        .collect();
    let holdings = coffre_core::holdings::summary(&summaries);
    let details: Vec<KeyDetail> = vault.iter().map(detail).collect();
    let exchanges: Vec<ExchangeInfo> = views::exchanges();
    let platforms: Vec<PlatformInfo> = views::platforms("en");
    let guide: Guide = views::guide("binance".into(), Some("bitsgap".into()), "en");
    // The error doctor on a line ccxt prints, with the fixture vault's Binance keys to check.
    let explain_view = coffre_core::explain::ExplainView {
        explanation: coffre_core::explain::explain(
            r#"AuthenticationError: binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}"#,
            "en",
        ),
        keys: vault
            .iter()
            .filter(|r| r.meta.exchange == "binance")
            .map(|r| coffre_core::explain::KeyToCheck {
                id: r.id.clone(),
                label: r.meta.label.clone(),
                exchange: r.meta.exchange.clone(),
            })
            .collect(),
    };

    let files = BTreeMap::from([
        ("app-status.json", json(&status)),
        ("check-reports.json", json(&reports(now()))),
        ("exchanges.json", json(&exchanges)),
        ("explain-view.json", json(&explain_view)),
        ("guide-binance-bitsgap.json", json(&guide)),
        ("holdings-summary.json", json(&holdings)),
        ("key-details.json", json(&details)),
        ("key-summaries.json", json(&summaries)),
        ("key-verdicts.json", json(&verdicts)),
        ("paste-invalid-error.json", json(&paste_invalid_error())),
        ("paste-results.json", json(&paste_results)),
        ("paste-sequence.json", json(&paste_sequence(&vault))),
        ("platforms.json", json(&platforms)),
        ("replace-outcome.json", json(&replaced)),
        ("safety-overview.json", json(&safety)),
        ("settings.json", json(&settings)),
    ]);
    let files: BTreeMap<String, String> =
        files.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    check_or_write(&ui_src("fixtures"), ".json", &files);
}
