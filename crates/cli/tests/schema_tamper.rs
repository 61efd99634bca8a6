//! A vault file given a trigger behind Coffre's back is refused like any other modification:
//! exit 3, and the trigger never runs.

#[path = "cli/support.rs"]
#[allow(dead_code)]
mod support;

use support::*;

#[test]
fn a_vault_with_an_added_trigger_exits_3_and_the_trigger_never_runs() {
    let vault = TestVault::with_binance();
    let db = rusqlite::Connection::open(&vault.path).unwrap();
    db.execute_batch("CREATE TRIGGER wipe AFTER UPDATE ON header BEGIN DELETE FROM records; END;")
        .unwrap();
    for args in [
        &["list"][..],
        &["add", "--exchange", "okx", "--label", "second"],
    ] {
        let out = vault.run(args, &[PASSWORD, OKX_KEY, OKX_SECRET, OKX_PASSPHRASE]);
        assert_eq!(code(&out), 3, "{args:?}: {}", stderr(&out));
    }
    let rows: i64 = db
        .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}
